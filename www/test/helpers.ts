/** Shared set-up for the handler tests: env pointing at the fake upstream, request builders,
 * and a log of every response so a final check can prove no key ever left the proxy. */

import { resetRateLimits } from "../api/_lib/rate-limit.js";
import { TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID, type FakeUpstream } from "./fake-upstream.js";

export const ORIGIN = "http://localhost:3000";
export const seen: { status: number; headers: string; body: string }[] = [];

const ENV_KEYS = [
  "GROQ_API_KEY", "ELEVENLABS_API_KEY", "ELEVENLABS_VOICE_ID", "GROQ_CHAT_MODEL", "GROQ_STT_MODEL",
  "ELEVENLABS_MODEL", "GROQ_BASE_URL", "ELEVENLABS_BASE_URL", "ALLOWED_ORIGINS", "UPSTREAM_TIMEOUT_MS",
  "RATE_LIMIT_BURST", "RATE_LIMIT_PER_MINUTE",
];

export function configure(fake: FakeUpstream, overrides: Record<string, string | undefined> = {}): void {
  for (const key of ENV_KEYS) delete process.env[key];
  const env: Record<string, string | undefined> = {
    GROQ_API_KEY: TEST_GROQ_KEY,
    ELEVENLABS_API_KEY: TEST_ELEVEN_KEY,
    ELEVENLABS_VOICE_ID: TEST_VOICE_ID,
    GROQ_BASE_URL: fake.url,
    ELEVENLABS_BASE_URL: fake.url,
    UPSTREAM_TIMEOUT_MS: "400",
    RATE_LIMIT_BURST: "1000",
    ...overrides,
  };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  resetRateLimits();
  fake.reset();
}

export function jsonRequest(path: string, body: unknown, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
    headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": "10.0.0.1", ...init.headers },
  });
}

export function audioRequest(file: Blob | null, filename = "clip.webm", headers: Record<string, string> = {}): Request {
  const form = new FormData();
  if (file) form.set("file", file, filename);
  return new Request("http://localhost:3000/api/transcribe", {
    method: "POST",
    body: form,
    headers: { origin: ORIGIN, "x-forwarded-for": "10.0.0.1", ...headers },
  });
}

export function webmClip(bytes = 2048): Blob {
  return new Blob([new Uint8Array(bytes).fill(7)], { type: "audio/webm;codecs=opus" });
}

/** Call a handler and keep the whole response (text) for the leak check. */
export async function call(handler: (req: Request) => Promise<Response>, req: Request) {
  const response = await handler(req);
  const body = await response.text();
  seen.push({ status: response.status, headers: JSON.stringify([...response.headers]), body });
  let json: unknown = undefined;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON (audio)
  }
  return { response, status: response.status, body, json: json as any };
}
