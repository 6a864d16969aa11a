/** route(): every endpoint checks in the same order (method, origin, key, size, type, body)
 * and every response carries the shared headers. */

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handler as chat } from "../api/chat.js";
import { handler as health } from "../api/health.js";
import { handler as transcribe } from "../api/transcribe.js";
import { handler as tts } from "../api/tts.js";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream.js";
import { call, configure, ORIGIN } from "./helpers.js";

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  configure(fake);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

const NO_KEYS = { GROQ_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, ELEVENLABS_VOICE_ID: undefined };

/** A request that fails every check listed in `failing`, and passes the others. */
function request(path: string, type: string, failing: Set<string>): Request {
  const headers: Record<string, string> = {
    origin: failing.has("origin") ? "https://evil.example" : ORIGIN,
    "content-type": failing.has("type") ? "text/plain" : type,
    "x-forwarded-for": "10.0.0.9",
  };
  if (failing.has("size")) headers["content-length"] = String(50 * 1024 * 1024);
  return new Request(`http://localhost:3000${path}`, {
    method: failing.has("method") ? "PUT" : "POST",
    headers,
    body: failing.has("size") ? "x" : type.startsWith("multipart/") ? "--x--" : "{not json",
  });
}

describe("route()", () => {
  it.each([
    ["chat", chat, "/api/chat", "application/json"],
    ["tts", tts, "/api/tts", "application/json"],
    ["transcribe", transcribe, "/api/transcribe", "multipart/form-data; boundary=x"],
  ] as const)("%s checks method, origin, key, size, type, body in that order", async (_name, handler, path, type) => {
    const order = [["method", 405], ["origin", 403], ["key", 503], ["size", 413], ["type", 415], ["body", 400]] as const;
    for (let i = 0; i < order.length; i++) {
      const failing = new Set(order.slice(i).map(([check]) => check));
      configure(fake, failing.has("key") ? NO_KEYS : {});
      const { status } = await call(handler, request(path, type, failing));
      expect(`${order[i]![0]} -> ${status}`).toBe(`${order[i]![0]} -> ${order[i]![1]}`);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("sets the shared headers on every answer, success or error", async () => {
    const answers = await Promise.all([
      call(health, new Request("http://localhost:3000/api/health", { headers: { origin: ORIGIN } })),
      call(health, new Request("http://localhost:3000/api/health", { method: "POST" })),
      call(chat, request("/api/chat", "application/json", new Set(["origin"]))),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 405, 403]);
    for (const { response } of answers) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(answers[0]!.response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });
});
