/** The checks every endpoint shares, in order: method, origin, rate limit; then the handler.
 * Errors become the JSON error shape; one log line per request (method, path, status, time),
 * never a body, transcript or header value. */

import { loadConfig, type Config } from "./config.js";
import { HttpError, errorResponse } from "./errors.js";
import { clientKey, takeToken } from "./rate-limit.js";

export type Handler = (req: Request) => Promise<Response>;

export interface RouteOptions {
  methods: string[];
  /** Health checks are cheap and polled: they do not spend rate-limit tokens. */
  rateLimited: boolean;
  run: (req: Request, config: Config) => Promise<Response>;
}

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

/** Null when the request may proceed; otherwise the origin is foreign. Requests without an
 * Origin header (curl, same-origin GETs) pass: origin checks stop other websites, not scripts. */
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

export function route(options: RouteOptions): Handler {
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
    if (isAllowedOrigin(req, config)) {
      for (const [name, value] of Object.entries(corsHeaders(req, options.methods))) {
        response.headers.set(name, value);
      }
    }
    log(req.method, path, response.status, started);
    return response;
  };
}

async function dispatch(req: Request, config: Config, options: RouteOptions): Promise<Response> {
  const allowed = options.methods.join(", ");
  if (!isAllowedOrigin(req, config)) {
    throw new HttpError("forbidden_origin", "This origin may not use the API.");
  }
  if (req.method === "OPTIONS") {
    return new Response(null, { status: 204, headers: { allow: `${allowed}, OPTIONS` } });
  }
  if (!options.methods.includes(req.method)) {
    throw new HttpError("method_not_allowed", `Use ${allowed}.`, { allow: `${allowed}, OPTIONS` });
  }
  if (options.rateLimited) {
    const decision = takeToken(clientKey(req), config.rateLimitBurst, config.rateLimitPerMinute);
    if (!decision.allowed) {
      throw new HttpError("rate_limited", "Too many requests; try again shortly.", {
        "retry-after": String(decision.retryAfterSeconds),
      });
    }
  }
  return options.run(req, config);
}
