import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handler as chat } from "../api/chat.js";
import { handler as health } from "../api/health.js";
import { handler as transcribe, MAX_AUDIO_BYTES } from "../api/transcribe.js";
import { handler as tts } from "../api/tts.js";
import { startFakeUpstream, TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID, tonePcm, type FakeUpstream } from "./fake-upstream.js";
import { audioRequest, call, configure, jsonRequest, ORIGIN, seen, webmClip } from "./helpers.js";

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

const chatBody = { messages: [{ role: "user", content: "fly me to Denver" }] };
const healthRequest = (headers: Record<string, string> = {}) =>
  new Request("http://localhost:3000/api/health", { headers });

describe("GET /api/health", () => {
  it("says every tier is off without keys", async () => {
    configure(fake, { GROQ_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, ELEVENLABS_VOICE_ID: undefined });
    const { status, json } = await call(health, healthRequest());
    expect(status).toBe(200);
    expect(json).toEqual({ stt: false, llm: false, tts: false });
  });

  it("says which tiers are configured, as booleans only", async () => {
    configure(fake, { ELEVENLABS_VOICE_ID: undefined });
    const { json, body } = await call(health, healthRequest());
    expect(json).toEqual({ stt: true, llm: true, tts: false });
    expect(body).not.toContain(TEST_GROQ_KEY);
  });

  it("refuses other methods with 405 and an Allow header", async () => {
    const { status, json, response } = await call(health, new Request("http://localhost:3000/api/health", { method: "POST" }));
    expect(status).toBe(405);
    expect(json.error.code).toBe("method_not_allowed");
    expect(response.headers.get("allow")).toContain("GET");
  });
});

describe("origin checks", () => {
  it("refuses a foreign Origin with 403 on every endpoint", async () => {
    const evil = { origin: "https://evil.example" };
    const results = await Promise.all([
      call(health, healthRequest(evil)),
      call(chat, jsonRequest("/api/chat", chatBody, { headers: evil })),
      call(tts, jsonRequest("/api/tts", { text: "Hi" }, { headers: evil })),
      call(transcribe, audioRequest(webmClip(), "a.webm", evil)),
    ]);
    for (const r of results) {
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("forbidden_origin");
      expect(r.response.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("accepts the request's own origin and origins in ALLOWED_ORIGINS", async () => {
    configure(fake, { ALLOWED_ORIGINS: "https://app.example, https://other.example" });
    const own = await call(health, new Request("https://voice.example/api/health", { headers: { origin: "https://voice.example" } }));
    expect(own.status).toBe(200);
    const listed = await call(health, healthRequest({ origin: "https://other.example" }));
    expect(listed.status).toBe(200);
    expect(listed.response.headers.get("access-control-allow-origin")).toBe("https://other.example");
    // localhost:3000 is only a default: once the list is set, it is the list.
    const notListed = await call(health, new Request("https://voice.example/api/health", { headers: { origin: "http://localhost:3000" } }));
    expect(notListed.status).toBe(403);
  });

  it("answers a CORS preflight from an allowed origin with 204", async () => {
    const { status, response } = await call(chat, new Request("http://localhost:3000/api/chat", { method: "OPTIONS", headers: { origin: ORIGIN } }));
    expect(status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });
});

describe("method checks", () => {
  it.each([
    ["chat", chat, "/api/chat"],
    ["tts", tts, "/api/tts"],
    ["transcribe", transcribe, "/api/transcribe"],
  ] as const)("%s refuses GET with 405", async (_name, handler, path) => {
    const { status, json, response } = await call(handler, new Request(`http://localhost:3000${path}`, { headers: { origin: ORIGIN } }));
    expect(status).toBe(405);
    expect(json.error.code).toBe("method_not_allowed");
    expect(response.headers.get("allow")).toContain("POST");
  });
});

describe("POST /api/transcribe", () => {
  it("sends the clip to Groq with the model, language, format and vocabulary hint", async () => {
    fake.transcript = "  From Newark to San Francisco please. ";
    const { status, json } = await call(transcribe, audioRequest(webmClip(4096), "recording.webm"));
    expect(status).toBe(200);
    expect(json).toEqual({ text: "From Newark to San Francisco please." });
    const sent = fake.requests[0]!;
    expect(sent.path).toBe("/openai/v1/audio/transcriptions");
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_GROQ_KEY}`);
    expect(sent.form?.model).toBe("whisper-large-v3-turbo");
    expect(sent.form?.language).toBe("en");
    expect(sent.form?.response_format).toBe("json");
    expect(String(sent.form?.prompt)).toContain("O'Hare");
    expect(sent.form?.file).toMatchObject({ name: "audio.webm", size: 4096 });
  });

  it("puts the call's own words (places and names on the table) before our list, cleaned", async () => {
    const form = new FormData();
    form.set("file", webmClip(2048), "clip.webm");
    form.set("vocabulary", "Rosa Delgado, Chicago O'Hare, Midway <script>\u0000" + "x".repeat(500));
    const req = new Request("http://localhost:3000/api/transcribe", {
      method: "POST", body: form, headers: { origin: ORIGIN, "x-forwarded-for": "10.0.0.1" },
    });
    const { status } = await call(transcribe, req);
    expect(status).toBe(200);
    const prompt = String(fake.requests[0]!.form?.prompt);
    expect(prompt.startsWith("Rosa Delgado, Chicago O'Hare, Midway script")).toBe(true);
    expect(prompt).not.toContain("<");
    expect(prompt).toContain("United Airlines flight booking");
    expect(prompt.length).toBeLessThanOrEqual(300 + 2 + 300);
  });

  it("uses GROQ_STT_MODEL when set", async () => {
    configure(fake, { GROQ_STT_MODEL: "whisper-large-v3" });
    await call(transcribe, audioRequest(webmClip()));
    expect(fake.requests[0]!.form?.model).toBe("whisper-large-v3");
  });

  it.each([
    ["audio/ogg;codecs=opus", "ogg"],
    ["audio/mp4", "m4a"], // one table for app, proxy and wasm: audio-only MP4 is .m4a
    ["audio/x-m4a", "m4a"],
    ["audio/mpeg", "mp3"],
    ["audio/wav", "wav"],
  ])("accepts %s", async (type, ext) => {
    const { status } = await call(transcribe, audioRequest(new Blob([new Uint8Array(100)], { type }), "clip"));
    expect(status).toBe(200);
    expect(fake.requests[0]!.form?.file).toMatchObject({ name: `audio.${ext}` });
  });

  it("infers the type from the file name when the browser sent none", async () => {
    const { status } = await call(transcribe, audioRequest(new Blob([new Uint8Array(100)]), "take.m4a"));
    expect(status).toBe(200);
    expect(fake.requests[0]!.form?.file).toMatchObject({ name: "audio.m4a" });
  });

  it("refuses a non-audio file with 415", async () => {
    const { status, json } = await call(transcribe, audioRequest(new Blob(["hello"], { type: "text/plain" }), "notes.txt"));
    expect(status).toBe(415);
    expect(json.error.code).toBe("unsupported_media_type");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a body that is not multipart with 415", async () => {
    const { status } = await call(transcribe, jsonRequest("/api/transcribe", { file: "x" }));
    expect(status).toBe(415);
  });

  it("refuses a missing file with 400", async () => {
    const { status, json } = await call(transcribe, audioRequest(null));
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
  });

  it("refuses by Content-Length before reading anything (413)", async () => {
    const req = new Request("http://localhost:3000/api/transcribe", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      body: "--x--",
    });
    const { status, json } = await call(transcribe, req);
    expect(status).toBe(413);
    expect(json.error.code).toBe("payload_too_large");
  });

  it("refuses by the bytes actually read when no length is declared (413)", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_AUDIO_BYTES * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost:3000/api/transcribe", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    const { status } = await call(transcribe, req);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(MAX_AUDIO_BYTES * 2); // it stopped reading early
    expect(fake.requests).toHaveLength(0);
  });

  it("says not_configured (503) without a Groq key", async () => {
    configure(fake, { GROQ_API_KEY: undefined });
    const { status, json } = await call(transcribe, audioRequest(webmClip()));
    expect(status).toBe(503);
    expect(json.error.code).toBe("not_configured");
  });
});

describe("POST /api/chat", () => {
  it("forwards a bounded completion and returns the content", async () => {
    fake.chatContent = '{"intent": "provide_info", "destination": "Denver"}';
    const { status, json } = await call(chat, jsonRequest("/api/chat", {
      messages: [{ role: "system", content: "Answer in JSON." }, { role: "user", content: "Denver" }],
      temperature: 7,
      max_tokens: 5000,
      response_format: { type: "json_object" },
    }));
    expect(status).toBe(200);
    expect(json).toEqual({ content: '{"intent": "provide_info", "destination": "Denver"}', model: "llama-3.3-70b-versatile" });
    const sent = fake.requests[0]!;
    expect(sent.path).toBe("/openai/v1/chat/completions");
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_GROQ_KEY}`);
    expect(sent.json).toMatchObject({
      model: "llama-3.3-70b-versatile",
      temperature: 1,
      max_completion_tokens: 300,
      response_format: { type: "json_object" },
      messages: [{ role: "system", content: "Answer in JSON." }, { role: "user", content: "Denver" }],
    });
  });

  it("uses GROQ_CHAT_MODEL as the default and allows a listed model", async () => {
    configure(fake, { GROQ_CHAT_MODEL: "llama-3.1-8b-instant" });
    await call(chat, jsonRequest("/api/chat", chatBody));
    expect((fake.requests[0]!.json as any).model).toBe("llama-3.1-8b-instant");
    const listed = await call(chat, jsonRequest("/api/chat", { ...chatBody, model: "llama-3.3-70b-versatile" }));
    expect(listed.json.model).toBe("llama-3.3-70b-versatile");
    expect((fake.requests[1]!.json as any).response_format).toBeUndefined();
  });

  it.each([
    ["an unlisted model", { ...chatBody, model: "gpt-9-ultra" }, 400],
    ["no messages", { messages: [] }, 400],
    ["a bad role", { messages: [{ role: "tool", content: "x" }] }, 400],
    ["non-string content", { messages: [{ role: "user", content: 5 }] }, 400],
    ["another response_format", { ...chatBody, response_format: { type: "json_schema" } }, 400],
    ["too many messages", { messages: Array.from({ length: 40 }, () => ({ role: "user", content: "hi" })) }, 413],
    ["an over-long message", { messages: [{ role: "user", content: "a".repeat(12_001) }] }, 413],
  ])("refuses %s", async (_what, body, expected) => {
    const { status, json } = await call(chat, jsonRequest("/api/chat", body));
    expect(status).toBe(expected);
    expect(json.error.code).toBe(expected === 400 ? "bad_request" : "payload_too_large");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses invalid JSON (400), another content type (415) and a huge body (413)", async () => {
    expect((await call(chat, jsonRequest("/api/chat", "{not json"))).status).toBe(400);
    expect((await call(chat, jsonRequest("/api/chat", "hello", { headers: { "content-type": "text/plain" } }))).status).toBe(415);
    expect((await call(chat, jsonRequest("/api/chat", { messages: [{ role: "user", content: "x".repeat(100_000) }] }))).status).toBe(413);
  });

  it("says not_configured (503) without a Groq key", async () => {
    configure(fake, { GROQ_API_KEY: undefined });
    const { status, json } = await call(chat, jsonRequest("/api/chat", chatBody));
    expect(status).toBe(503);
    expect(json.error.code).toBe("not_configured");
  });
});

describe("POST /api/tts", () => {
  it("asks ElevenLabs for streamed 24 kHz PCM with the flash model and passes the audio through", async () => {
    const { status, response } = await call(tts, jsonRequest("/api/tts", { text: "Where are you flying from?", previous_text: "Hi Ana.", next_text: "" }));
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/pcm;rate=24000");
    const sent = fake.requests[0]!;
    expect(sent.path).toBe(`/v1/text-to-speech/${TEST_VOICE_ID}/stream?output_format=pcm_24000`);
    expect(sent.headers["xi-api-key"]).toBe(TEST_ELEVEN_KEY);
    expect(sent.json).toEqual({ text: "Where are you flying from?", model_id: "eleven_flash_v2_5", previous_text: "Hi Ana." });
  });

  it("returns the upstream bytes unchanged", async () => {
    const response = await tts(jsonRequest("/api/tts", { text: "Hello." }));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(tonePcm())).toBe(true);
  });

  it("uses ELEVENLABS_MODEL when set", async () => {
    configure(fake, { ELEVENLABS_MODEL: "eleven_multilingual_v2" });
    await call(tts, jsonRequest("/api/tts", { text: "Hello." }));
    expect((fake.requests[0]!.json as any).model_id).toBe("eleven_multilingual_v2");
  });

  it("streams: the first chunk arrives before the upstream has finished", async () => {
    fake.ttsChunks = 6;
    fake.ttsChunkDelayMs = 60;
    configure(fake, { UPSTREAM_TIMEOUT_MS: "5000" });
    fake.ttsChunks = 6;
    fake.ttsChunkDelayMs = 60;
    const response = await tts(jsonRequest("/api/tts", { text: "Streaming please." }));
    const reader = response.body!.getReader();
    const first = await reader.read();
    const firstAt = performance.now();
    expect(first.done).toBe(false);
    expect(fake.ttsFinishedAt).toBeNull();
    let total = first.value!.byteLength;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
    }
    expect(total).toBe(tonePcm().length);
    expect(fake.ttsFinishedAt).not.toBeNull();
    expect(fake.ttsFinishedAt! - firstAt).toBeGreaterThan(150);
  });

  it.each([
    ["no text", {}, 400],
    ["blank text", { text: "   " }, 400],
    ["text over 600 characters", { text: "a".repeat(601) }, 413],
    ["previous_text over 600 characters", { text: "Hi.", previous_text: "b".repeat(700) }, 413],
    ["non-string next_text", { text: "Hi.", next_text: 3 }, 400],
  ])("refuses %s", async (_what, body, expected) => {
    const { status } = await call(tts, jsonRequest("/api/tts", body));
    expect(status).toBe(expected);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses another content type with 415", async () => {
    const { status } = await call(tts, jsonRequest("/api/tts", "text=hi", { headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(status).toBe(415);
  });

  it("says not_configured (503) without a voice id", async () => {
    configure(fake, { ELEVENLABS_VOICE_ID: undefined });
    const { status, json } = await call(tts, jsonRequest("/api/tts", { text: "Hi." }));
    expect(status).toBe(503);
    expect(json.error.code).toBe("not_configured");
  });
});

describe("upstream failures", () => {
  const endpoints = [
    ["transcribe", () => call(transcribe, audioRequest(webmClip()))],
    ["chat", () => call(chat, jsonRequest("/api/chat", chatBody))],
    ["tts", () => call(tts, jsonRequest("/api/tts", { text: "Hello there." }))],
  ] as const;

  it.each(endpoints)("%s: a hanging upstream becomes 504 upstream_timeout", async (_name, run) => {
    fake.mode = "slow";
    const started = performance.now();
    const { status, json } = await run();
    expect(status).toBe(504);
    expect(json.error.code).toBe("upstream_timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each(endpoints)("%s: a 500 becomes 502 upstream_error without the upstream body", async (_name, run) => {
    fake.mode = "failing";
    const { status, json, body } = await run();
    expect(status).toBe(502);
    expect(json.error.code).toBe("upstream_error");
    expect(body).not.toContain("internal failure");
  });

  it.each(endpoints)("%s: an upstream 429 becomes 429 with Retry-After", async (_name, run) => {
    fake.mode = "rate_limited";
    const { status, json, response } = await run();
    expect(status).toBe(429);
    expect(json.error.code).toBe("rate_limited");
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it.each(endpoints.slice(0, 2))("%s: an unreadable answer becomes 502", async (_name, run) => {
    fake.mode = "bad_json";
    const { status, json } = await run();
    expect(status).toBe(502);
    expect(json.error.code).toBe("upstream_error");
  });

  it.each(endpoints)("%s: rejected credentials become 502 without echoing the key", async (_name, run) => {
    configure(fake, { GROQ_API_KEY: "gsk_WRONG_key_123", ELEVENLABS_API_KEY: "sk_WRONG_key_456" });
    const { status, body } = await run();
    expect(status).toBe(502);
    expect(body).not.toContain("WRONG");
  });
});

describe("rate limiting", () => {
  it("gives each client IP a token bucket and answers 429 with Retry-After when it is empty", async () => {
    configure(fake, { RATE_LIMIT_BURST: "3", RATE_LIMIT_PER_MINUTE: "6" });
    const from = (ip: string) => jsonRequest("/api/chat", chatBody, { headers: { "x-forwarded-for": `${ip}, 172.16.0.9` } });
    for (let i = 0; i < 3; i++) expect((await call(chat, from("203.0.113.5"))).status).toBe(200);
    const refused = await call(chat, from("203.0.113.5"));
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.response.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    // Another client (same proxy hop) is unaffected.
    expect((await call(chat, from("203.0.113.6"))).status).toBe(200);
    expect(fake.requests).toHaveLength(4);
  });

  it("falls back to x-real-ip and does not charge health checks", async () => {
    configure(fake, { RATE_LIMIT_BURST: "1", RATE_LIMIT_PER_MINUTE: "1" });
    const viaRealIp = () => new Request("http://localhost:3000/api/tts", {
      method: "POST", headers: { "content-type": "application/json", "x-real-ip": "198.51.100.7" }, body: '{"text":"Hi."}',
    });
    expect((await call(tts, viaRealIp())).status).toBe(200);
    expect((await call(tts, viaRealIp())).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await call(health, healthRequest({ "x-real-ip": "198.51.100.7" }))).status).toBe(200);
  });
});

describe("logging", () => {
  it("logs method, path, status and duration only: no transcript, message or key", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args) => void logged.push(args.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    fake.transcript = "my secret itinerary to Honolulu";
    await call(transcribe, audioRequest(webmClip()));
    await call(chat, jsonRequest("/api/chat", { messages: [{ role: "user", content: "private words" }] }));
    await call(tts, jsonRequest("/api/tts", { text: "Spoken private reply." }));
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatch(/^POST \/api\/transcribe 200 \d+ms$/);
    expect(logged[1]).toMatch(/^POST \/api\/chat 200 \d+ms$/);
    expect(logged[2]).toMatch(/^POST \/api\/tts 200 \d+ms$/);
  });
});

describe("secrets", () => {
  it("no response body or header seen in this file contains a key", () => {
    expect(seen.length).toBeGreaterThan(50);
    for (const r of seen) {
      for (const secret of [TEST_GROQ_KEY, TEST_ELEVEN_KEY, "gsk_WRONG", "sk_WRONG"]) {
        expect(r.body).not.toContain(secret);
        expect(r.headers).not.toContain(secret);
      }
    }
  });
});
