/** A local stand-in for Groq (transcriptions, chat completions) and ElevenLabs (streamed
 * speech) that records what the proxy sent. Modes make it succeed, hang past the proxy's
 * timeout, fail, rate-limit or answer garbage. It checks the auth headers against the test keys
 * and echoes the key on a mismatch (like a careless upstream), so tests can prove the proxy
 * never passes an upstream body on. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TEST_GROQ_KEY = "gsk_TEST_groq_key_5f3a9c1e7b";
export const TEST_ELEVEN_KEY = "sk_TEST_eleven_key_8d2b4f6a0c";
export const TEST_VOICE_ID = "voice_TEST_alex";

export type Mode = "ok" | "slow" | "failing" | "rate_limited" | "bad_json";

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Parsed JSON body, when it was JSON. */
  json?: unknown;
  /** Multipart fields (files as {name, type, size}). */
  form?: Record<string, string | { name: string; type: string; size: number }>;
}

export interface FakeUpstream {
  url: string;
  mode: Mode;
  transcript: string;
  /** Transcripts for the next recordings, one each, before `transcript` again. */
  transcriptQueue: string[];
  /** Chat answer content; a function gets the request's messages. */
  chatContent: string | ((messages: unknown) => string);
  /** How the speech is streamed: in this many chunks (of an odd size), this far apart. */
  ttsChunks: number;
  ttsChunkDelayMs: number;
  /** Length of the spoken tone per segment (the audio's duration, not the time to send it). */
  ttsToneMs: number;
  slowDelayMs: number;
  /** Fixed latency injected in "ok" mode (the benchmarks' stand-in for the real services):
   * before a transcription answers, before a chat answer, before speech's first chunk. */
  sttDelayMs: number;
  chatDelayMs: number;
  ttsFirstByteDelayMs: number;
  requests: Recorded[];
  /** When the last speech stream was fully written (performance.now()). */
  ttsFinishedAt: number | null;
  reset(): void;
  close(): Promise<void>;
}

/** Samples of a tone that sounds a little like speech (a 220 Hz hum, its loudness rising and
 * falling three times a second), as signed 16-bit little-endian mono. */
function tone(durationMs: number, sampleRate: number, offset = 0): Buffer {
  const samples = Math.floor((sampleRate * durationMs) / 1000);
  const buffer = Buffer.alloc(offset + samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const v = Math.sin(2 * Math.PI * 220 * t) * (0.6 - 0.4 * Math.cos(2 * Math.PI * 3 * t)) * 0.3 * 32767;
    buffer.writeInt16LE(Math.round(v), offset + i * 2);
  }
  return buffer;
}

/** The tone as raw PCM, what ElevenLabs sends for `output_format=pcm_<rate>`. */
export function tonePcm(durationMs = 600, sampleRate = 24_000): Buffer {
  return tone(durationMs, sampleRate);
}

/** The tone as a WAV file (for the mp3 formats: browsers sniff the bytes and decode it). */
export function toneWav(durationMs = 600, sampleRate = 22050): Buffer {
  const buffer = tone(durationMs, sampleRate, 44);
  const bytes = buffer.length - 44;
  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + bytes, 4);
  buffer.write("WAVEfmt ", 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(bytes, 40);
  return buffer;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const fake: FakeUpstream = {
    url: "",
    mode: "ok",
    transcript: "I'd like to fly from Chicago to Denver.",
    transcriptQueue: [],
    chatContent: '{"intent": "other"}',
    ttsChunks: 5,
    ttsChunkDelayMs: 80,
    ttsToneMs: 600,
    slowDelayMs: 3_000,
    sttDelayMs: 0,
    chatDelayMs: 0,
    ttsFirstByteDelayMs: 0,
    requests: [],
    ttsFinishedAt: null,
    reset() {
      fake.mode = "ok";
      fake.transcript = "I'd like to fly from Chicago to Denver.";
      fake.transcriptQueue = [];
      fake.chatContent = '{"intent": "other"}';
      fake.ttsChunks = 5;
      fake.ttsChunkDelayMs = 80;
      fake.ttsToneMs = 600;
      fake.slowDelayMs = 3_000;
      fake.sttDelayMs = 0;
      fake.chatDelayMs = 0;
      fake.ttsFirstByteDelayMs = 0;
      fake.requests = [];
      fake.ttsFinishedAt = null;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  const json = (res: ServerResponse, status: number, value: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(value));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const record: Recorded = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
    const contentType = req.headers["content-type"] ?? "";
    if (contentType.startsWith("application/json")) {
      try {
        record.json = JSON.parse(body.toString("utf8"));
      } catch {
        // leave undefined
      }
    } else if (contentType.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
      record.form = {};
      for (const [key, value] of form.entries()) {
        record.form[key] = typeof value === "string" ? value : { name: value.name, type: value.type, size: value.size };
      }
    }
    fake.requests.push(record);

    const isGroq = path.startsWith("/openai/v1/");
    const isEleven = path.startsWith("/v1/text-to-speech/");
    if (isGroq && req.headers.authorization !== `Bearer ${TEST_GROQ_KEY}`) {
      return json(res, 401, { error: { message: `Invalid API Key: ${req.headers.authorization}`, type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (isEleven && req.headers["xi-api-key"] !== TEST_ELEVEN_KEY) {
      return json(res, 401, { detail: { status: "invalid_api_key", message: `bad key ${req.headers["xi-api-key"]}` } });
    }
    if (!isGroq && !isEleven) return json(res, 404, { error: { message: "no such route" } });

    switch (fake.mode) {
      case "slow": {
        await sleep(fake.slowDelayMs);
        if (res.destroyed) return;
        break;
      }
      case "failing":
        return json(res, 500, { error: { message: `internal failure while using key ${TEST_GROQ_KEY} ${TEST_ELEVEN_KEY}` } });
      case "rate_limited":
        return json(res, 429, { error: { message: "Rate limit reached", type: "tokens", code: "rate_limit_exceeded" } }, { "retry-after": "7" });
      case "bad_json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(`{"text": "half an answer ${TEST_GROQ_KEY}`);
      case "ok":
        break;
    }

    if (path === "/openai/v1/audio/transcriptions") {
      if (fake.sttDelayMs > 0) await sleep(fake.sttDelayMs);
      return json(res, 200, { text: fake.transcriptQueue.shift() ?? fake.transcript, x_groq: { id: "req_fake" } });
    }
    if (path === "/openai/v1/chat/completions") {
      const messages = (record.json as { messages?: unknown } | undefined)?.messages;
      const content = typeof fake.chatContent === "function" ? fake.chatContent(messages) : fake.chatContent;
      if (fake.chatDelayMs > 0) await sleep(fake.chatDelayMs);
      return json(res, 200, {
        id: "chatcmpl-fake",
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
    }
    if (isEleven && path.endsWith("/stream")) {
      // The format asked for: raw PCM at its rate ("pcm_24000"), else a WAV standing in for mp3.
      const format = new URLSearchParams((req.url ?? "").split("?")[1] ?? "").get("output_format") ?? "";
      const rate = /^pcm_(\d+)$/.exec(format)?.[1];
      const audio = rate ? tonePcm(fake.ttsToneMs, Number(rate)) : toneWav(fake.ttsToneMs);
      if (fake.ttsFirstByteDelayMs > 0) await sleep(fake.ttsFirstByteDelayMs);
      res.writeHead(200, { "content-type": rate ? "audio/pcm" : "audio/mpeg", "transfer-encoding": "chunked" });
      // An odd chunk size, so chunks end in the middle of a 16-bit sample, as real ones may.
      const size = Math.ceil(audio.length / fake.ttsChunks) | 1;
      for (let at = 0; at < audio.length; at += size) {
        if (at > 0) await sleep(fake.ttsChunkDelayMs);
        if (res.destroyed) return;
        res.write(audio.subarray(at, at + size));
      }
      res.end();
      fake.ttsFinishedAt = performance.now();
      return;
    }
    return json(res, 404, { error: { message: "no such route" } });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

// Standalone, to try voice without keys: `npx tsx test/fake-upstream.ts [port]` (default 4010)
// in www/, then start the app with the variables it prints. Every recording is "heard" as
// FAKE_TRANSCRIPT (default: a trip from Chicago to Denver); Alex's voice is a short humming tone.
// FAKE_STT_DELAY_MS, FAKE_CHAT_DELAY_MS, FAKE_TTS_FIRST_BYTE_MS, FAKE_TTS_CHUNKS and
// FAKE_TTS_CHUNK_DELAY_MS set the injected latency (the load run uses them).
if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeUpstream(Number(process.argv[2] ?? 4010));
  const heard = process.env.FAKE_TRANSCRIPT?.trim();
  const knob = (name: string) => {
    const value = Number(process.env[name]);
    return process.env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const reset = fake.reset;
  fake.reset = () => {
    reset();
    if (heard) fake.transcript = heard;
    fake.sttDelayMs = knob("FAKE_STT_DELAY_MS") ?? fake.sttDelayMs;
    fake.chatDelayMs = knob("FAKE_CHAT_DELAY_MS") ?? fake.chatDelayMs;
    fake.ttsFirstByteDelayMs = knob("FAKE_TTS_FIRST_BYTE_MS") ?? fake.ttsFirstByteDelayMs;
    fake.ttsChunks = Math.max(1, knob("FAKE_TTS_CHUNKS") ?? fake.ttsChunks);
    fake.ttsChunkDelayMs = knob("FAKE_TTS_CHUNK_DELAY_MS") ?? fake.ttsChunkDelayMs;
  };
  fake.reset();
  // Long runs (the load run) keep no request log: FAKE_RECORD=0.
  if (process.env.FAKE_RECORD === "0") setInterval(() => void (fake.requests.length = 0), 1_000).unref();
  console.log(`fake upstream (Groq + ElevenLabs stand-in) on ${fake.url}`);
  console.log("start the app against it, from the repository root in another terminal:");
  console.log(`  GROQ_API_KEY=${TEST_GROQ_KEY} ELEVENLABS_API_KEY=${TEST_ELEVEN_KEY} ELEVENLABS_VOICE_ID=${TEST_VOICE_ID} \\`);
  console.log(`  GROQ_BASE_URL=${fake.url} ELEVENLABS_BASE_URL=${fake.url} bash .ci/start.sh`);
  console.log(`every recording is heard as: "${fake.transcript}" (set FAKE_TRANSCRIPT to change it)`);
}
