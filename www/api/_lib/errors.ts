/** The proxy's only error shape: `{"error": {"code", "message"}}` with a fixed status per code.
 * Messages are ours, never an upstream body or a key. */

export const ERROR_STATUS = {
  bad_request: 400,
  forbidden_origin: 403,
  not_found: 404,
  /** A seal that does not match its offer (changed price or flight). */
  offer_tampered: 400,
  /** The offer's time ran out, or the airline no longer sells it: search again. */
  offer_expired: 409,
  /** The airline's price moved since the search: search again and say the new price. */
  fare_changed: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  not_configured: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Thrown anywhere in a handler; turned into the JSON error response by `route`. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorResponse(error: HttpError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status, headers: error.headers },
  );
}
