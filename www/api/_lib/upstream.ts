/** Calls to Groq and ElevenLabs with a timeout, and the mapping of their failures to our
 * error codes. Upstream bodies are never passed on: they may echo input or account details. */

import { HttpError } from "./errors.js";

export interface UpstreamResponse {
  response: Response;
  /** Stop the timeout once the body has been consumed (or piped through). */
  done: () => void;
  timedOut: () => boolean;
}

/** Fetch with an AbortController deadline covering the headers *and* the body until `done`. */
export async function callUpstream(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<UpstreamResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const done = () => clearTimeout(timer);
  const timedOut = () => controller.signal.aborted;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
  } catch {
    done();
    if (controller.signal.aborted) {
      throw new HttpError("upstream_timeout", "The speech or language service took too long.");
    }
    throw new HttpError("upstream_error", "The speech or language service could not be reached.");
  }
  if (!response.ok) {
    done();
    await response.body?.cancel().catch(() => undefined);
    throw upstreamStatusError(response);
  }
  return { response, done, timedOut };
}

function upstreamStatusError(response: Response): HttpError {
  if (response.status === 429) {
    const retry = Number(response.headers.get("retry-after"));
    const seconds = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : 5;
    return new HttpError("rate_limited", "The upstream service is busy; try again shortly.", {
      "retry-after": String(Math.min(seconds, 3600)),
    });
  }
  return new HttpError("upstream_error", `The upstream service failed (status ${response.status}).`);
}

/** Read a JSON body within the deadline; anything unparsable is an upstream error. */
export async function upstreamJson(upstream: UpstreamResponse): Promise<unknown> {
  try {
    return await upstream.response.json();
  } catch {
    if (upstream.timedOut()) {
      throw new HttpError("upstream_timeout", "The speech or language service took too long.");
    }
    throw new HttpError("upstream_error", "The upstream service sent an unreadable answer.");
  } finally {
    upstream.done();
  }
}
