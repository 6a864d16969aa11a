/** Every endpoint goes through `route()`, which makes the checks in one order for all of them:
 *
 *   method (405) -> origin (403) -> rate limit (429) -> key (503) -> size (413, declared
 *   Content-Length) -> type (415) -> body (413 on the bytes actually read)
 *
 * and only then calls the handler with the body's bytes; the handler validates what they say
 * (400). Errors become the JSON error shape; every response gets the shared headers (no
 * caching, nosniff, CORS for allowed origins); one log line per request (method, path,
 * status, time), never a body, transcript or header value. */

import { loadConfig, type Config } from "./config.js";
import { HttpError, errorResponse } from "./errors.js";
import { mediaType, readLimited } from "./body.js";
import { clientKey, takeToken } from "./rate-limit.js";

export type Handler = (req: Request) => Promise<Response>;

export interface RouteOptions<Key> {
  methods: string[];
  /** Health checks are cheap and polled: they do not spend rate-limit tokens. */
  rateLimited: boolean;
  /** Booking lookups and cancels also spend a token of the stricter lookup bucket (a locator
   * is six characters: this keeps guessing them slow). */
  lookupLimited?: boolean;
  /** The upstream credentials the endpoint needs: `read` gives them, or null when they are not
   * configured (then 503 with the `missing` message, before any body is read). */
  key?: { read: (config: Config) => Key | null; missing: string };
  /** Endpoints that take a body: its media type and the most bytes read. */
  body?: { type: string; maxBytes: number };
  /** `body` holds the request's bytes (empty without `body`); `key` what `key.read` gave. */
  run: (req: Request, config: Config, body: Uint8Array<ArrayBuffer>, key: Key) => Promise<Response>;
}

/** Headers on every API response: answers are per request and never cached. */
const SHARED_HEADERS: Record<string, string> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

function requestOrigin(req: Request): string | null {
  try {
    const url = new URL(req.url);
    // Behind a proxy (Vercel, our server) the Host header is the public one.
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
    const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
    return `${proto}://${host}`;
  } catch {
    return null;
  }
}

/** Requests without an Origin header (curl, same-origin GETs) pass: origin checks stop other
 * websites, not scripts. */
function isAllowedOrigin(req: Request, config: Config): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  const normalized = origin.replace(/\/+$/, "");
  return normalized === requestOrigin(req) || config.allowedOrigins.includes(normalized);
}

function corsHeaders(req: Request, methods: string[]): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}

export function log(method: string, path: string, status: number, startedMs: number): void {
  console.log(`${method} ${path} ${status} ${Math.round(performance.now() - startedMs)}ms`);
}

export function route<Key = undefined>(options: RouteOptions<Key>): Handler {
  return async (req: Request): Promise<Response> => {
    const started = performance.now();
    let path = "/";
    try {
      path = new URL(req.url).pathname;
    } catch {
      // keep "/"
    }
    const config = loadConfig();
    let response: Response;
    try {
      response = await dispatch(req, config, options);
    } catch (error) {
      response =
        error instanceof HttpError
          ? errorResponse(error)
          : errorResponse(new HttpError("internal_error", "Something went wrong."));
    }
    for (const [name, value] of Object.entries(SHARED_HEADERS)) response.headers.set(name, value);
    if (isAllowedOrigin(req, config)) {
      for (const [name, value] of Object.entries(corsHeaders(req, options.methods))) {
        response.headers.set(name, value);
      }
    }
    log(req.method, path, response.status, started);
    return response;
  };
}

async function dispatch<Key>(req: Request, config: Config, options: RouteOptions<Key>): Promise<Response> {
  const allowed = options.methods.join(", ");
  // 1. method (a CORS preflight is an allowed method for every endpoint)
  if (req.method !== "OPTIONS" && !options.methods.includes(req.method)) {
    throw new HttpError("method_not_allowed", `Use ${allowed}.`, { allow: `${allowed}, OPTIONS` });
  }
  // 2. origin
  if (!isAllowedOrigin(req, config)) {
    throw new HttpError("forbidden_origin", "This origin may not use the API.");
  }
  if (req.method === "OPTIONS") {
    return new Response(null, { status: 204, headers: { allow: `${allowed}, OPTIONS` } });
  }
  if (options.rateLimited) {
    const decision = takeToken(clientKey(req), config.rateLimitBurst, config.rateLimitPerMinute);
    if (!decision.allowed) {
      throw new HttpError("rate_limited", "Too many requests; try again shortly.", {
        "retry-after": String(decision.retryAfterSeconds),
      });
    }
  }
  if (options.lookupLimited) {
    const decision = takeToken(`lookup:${clientKey(req)}`, config.lookupRateLimitBurst, config.lookupRateLimitPerMinute);
    if (!decision.allowed) {
      throw new HttpError("rate_limited", "Too many booking lookups; try again later.", {
        "retry-after": String(decision.retryAfterSeconds),
      });
    }
  }
  // 3. key: no body is read for an endpoint that cannot answer
  const key = options.key ? options.key.read(config) : (undefined as Key);
  if (key === null) throw new HttpError("not_configured", options.key?.missing ?? "Not configured.");
  if (!options.body) return options.run(req, config, new Uint8Array(0), key);
  // 4. size, as declared
  const { type, maxBytes } = options.body;
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw new HttpError("payload_too_large", `The body is over ${maxBytes} bytes.`);
  }
  // 5. type
  if (mediaType(req.headers.get("content-type")) !== type) {
    throw new HttpError("unsupported_media_type", `Send ${type}.`);
  }
  // 6. body, capped on the bytes actually read
  return options.run(req, config, await readLimited(req, maxBytes), key);
}
