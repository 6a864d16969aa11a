/** The voice loop's own latency: the built app (dist/) in headless Chromium, its fake microphone,
 * the local server, and the fake upstream answering after FIXED delays (speech-to-text 300 ms,
 * chat 400 ms, speech: first chunk after 250 ms, then CHUNKS chunks CHUNK_MS apart).
 *
 * Measured in the page, from the end of the caller's speech to the first audio sample handed
 * to Web Audio (AudioBufferSourceNode.start), with two anchors: the recorder stopping
 * (MediaRecorder.stop) and the audio handed to the agent (its upload to /api/transcribe
 * starting: the first thing `Agent.hear(blob)` does). Subtracting the injected delays leaves
 * our overhead: recorder flush, upload, proxy hops, wasm turn, decode, queue.
 * Hooks are on Web APIs only (MediaRecorder, fetch, Response, AudioBufferSourceNode), so the
 * measurement holds for any way of ending a recording (hold-to-talk or voice detection) that
 * hands a clip to `hear`.
 *
 * `tsx scripts/bench-voice.ts [turns]` (default 7 of each kind). Needs www/dist (vite build),
 * /usr/bin/chromium, espeak-ng and sox. */

import type { Page } from "playwright-core";
import { launch, requireBuild, serveApp, speechWav } from "../e2e/harness.js";
import { startFakeUpstream, TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID } from "../test/fake-upstream.js";
import { median, ms, quietApiLog, row } from "./bench-rows.js";

const STT_MS = 300;
const CHAT_MS = 400;
const TTS_FIRST_MS = 250;
const CHUNKS = 5;
const CHUNK_MS = 50;
const TURNS = Number(process.argv[2] ?? 7);

/** Marks in the page (performance.now()). */
interface Marks {
  stops: number[];
  fetches: { url: string; start: number; headers: number; body: number }[];
  plays: number[];
}

const INSTRUMENT = () => {
  const marks: Marks = { stops: [], fetches: [], plays: [] };
  (window as unknown as { __marks: Marks }).__marks = marks;
  const stop = MediaRecorder.prototype.stop;
  MediaRecorder.prototype.stop = function () {
    marks.stops.push(performance.now());
    return stop.apply(this);
  };
  const fetch0 = window.fetch;
  window.fetch = function (this: Window, input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const mark = { url, start: performance.now(), headers: 0, body: 0 };
    marks.fetches.push(mark);
    return fetch0.call(this, input, init).then((response) => {
      mark.headers = performance.now();
      const read = response.arrayBuffer;
      response.arrayBuffer = function (this: Response) {
        return read.apply(this).then((b) => {
          mark.body = performance.now();
          return b;
        });
      };
      return response;
    });
  } as typeof fetch;
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args: Parameters<typeof start>) {
    marks.plays.push(performance.now());
    return start.apply(this, args);
  };
};

const marks = (page: Page) => page.evaluate(() => (window as unknown as { __marks: Marks }).__marks);

async function ready(page: Page): Promise<void> {
  await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 30_000 });
}

interface Measured {
  fromStop: number;
  fromUpload: number;
  chatCalls: number;
  tier: string;
  /** The first reply segment's speech: response headers (first chunk) and whole file. */
  ttsFirstChunk: number;
  ttsWhole: number;
  /** Where the time goes: recorder stop -> upload starts; upload -> transcript back (less
   * the injected STT delay; response headers, the JSON is small); transcript -> speech requested (the turn, chat included, and
   * rendering); speech file complete (less the injected delays) ; file -> first sample
   * (decode, queue). */
  parts: number[];
}

async function main(): Promise<void> {
  quietApiLog();
  requireBuild();
  const fake = await startFakeUpstream();
  const configureFake = () => {
    fake.reset();
    fake.sttDelayMs = STT_MS;
    fake.chatDelayMs = CHAT_MS;
    fake.ttsFirstByteDelayMs = TTS_FIRST_MS;
    fake.ttsChunks = CHUNKS;
    fake.ttsChunkDelayMs = CHUNK_MS;
    fake.ttsToneMs = 300;
  };
  configureFake();
  Object.assign(process.env, {
    GROQ_API_KEY: TEST_GROQ_KEY,
    ELEVENLABS_API_KEY: TEST_ELEVEN_KEY,
    ELEVENLABS_VOICE_ID: TEST_VOICE_ID,
    GROQ_BASE_URL: fake.url,
    ELEVENLABS_BASE_URL: fake.url,
    UPSTREAM_TIMEOUT_MS: "10000",
    RATE_LIMIT_BURST: "100000",
  });
  const app = await serveApp();
  const browser = await launch(speechWav("I would like to fly from Chicago to Denver.", "bench-mic"));
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.addInitScript(INSTRUMENT);
    await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await page.waitForSelector("[data-testid=app][data-ready=true]");

    const turn = async (transcript: string, chat: string): Promise<Measured> => {
      await page.click("[data-testid=new-booking]");
      await page.waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.plays.length > 0);
      await ready(page);
      await page.waitForTimeout(200);
      fake.transcript = transcript;
      fake.chatContent = chat;
      const chatsBefore = fake.requests.filter((r) => r.path === "/openai/v1/chat/completions").length;
      const before = await marks(page);
      const box = (await page.locator("[data-testid=talk]").boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.waitForSelector("[data-testid=status][data-status=listening]");
      await page.waitForTimeout(900);
      await page.mouse.up();
      await page.waitForFunction(
        (n) => (window as unknown as { __marks: Marks }).__marks.plays.length > n,
        before.plays.length,
        { timeout: 20_000 },
      );
      await ready(page);
      const after = await marks(page);
      const stop = after.stops.at(-1)!;
      const fetches = after.fetches.slice(before.fetches.length);
      const upload = fetches.find((f) => f.url.endsWith("/api/transcribe"))!;
      const tts = fetches.filter((f) => f.url.endsWith("/api/tts"));
      const play = after.plays[before.plays.length]!;
      return {
        fromStop: play - stop,
        fromUpload: play - upload.start,
        chatCalls: fake.requests.filter((r) => r.path === "/openai/v1/chat/completions").length - chatsBefore,
        tier: (await page.getAttribute("[data-testid=app]", "data-tier")) ?? "",
        ttsFirstChunk: tts[0]!.headers - tts[0]!.start,
        ttsWhole: tts[0]!.body - tts[0]!.start,
        parts: [
          upload.start - stop,
          upload.headers - upload.start - STT_MS,
          tts[0]!.start - upload.headers,
          tts[0]!.body - tts[0]!.start - TTS_FIRST_MS - (CHUNKS - 1) * CHUNK_MS,
          play - tts[0]!.body,
        ],
      };
    };

    // Warm: the first turn builds the place tables and JIT-compiles; not counted.
    await turn("I'm Priya Patel, one way from Chicago to Denver next Friday", '{"intent": "other"}');
    const rules: Measured[] = [];
    const llm: Measured[] = [];
    for (let i = 0; i < TURNS; i++) {
      rules.push(await turn("I'm Priya Patel, one way from Chicago to Denver next Friday", '{"intent": "other"}'));
      llm.push(await turn("hmm honestly whatever lets me sleep the whole way over there", '{"intent": "other", "confidence": 0.9}'));
    }
    const streamTail = (CHUNKS - 1) * CHUNK_MS;
    const injectedRules = STT_MS + TTS_FIRST_MS + streamTail;
    const injectedLlm = injectedRules + CHAT_MS;
    const pr = (label: string, m: Measured[]) =>
      console.log(`${label}: ${m.map((x) => `${x.fromStop.toFixed(0)}ms/${x.chatCalls} chat/${x.tier}`).join(", ")}`);
    pr("rules-confident turns (end of speech -> first sample / chat calls / tier)", rules);
    pr("turns that ask the model", llm);

    const rStop = median(rules.map((m) => m.fromStop));
    const rUp = median(rules.map((m) => m.fromUpload));
    const lStop = median(llm.map((m) => m.fromStop));
    const lUp = median(llm.map((m) => m.fromUpload));
    const rulesChats = rules.reduce((s, m) => s + m.chatCalls, 0);
    const llmChats = llm.reduce((s, m) => s + m.chatCalls, 0);
    console.log(`injected: stt ${STT_MS} ms, chat ${CHAT_MS} ms, speech first chunk ${TTS_FIRST_MS} ms + ${CHUNKS - 1} more chunks ${CHUNK_MS} ms apart`);
    row("voice turn, rules-confident: recorder stop -> first sample played (median)", `${ms(rStop)} (injected ${injectedRules} ms: overhead ${ms(rStop - injectedRules)})`);
    row("voice turn, rules-confident: audio handed to the agent -> first sample played", `${ms(rUp)} (overhead ${ms(rUp - injectedRules)})`);
    row("voice turn asking the model: recorder stop -> first sample played", `${ms(lStop)} (injected ${injectedLlm} ms: overhead ${ms(lStop - injectedLlm)})`);
    row("voice turn asking the model: audio handed to the agent -> first sample played", `${ms(lUp)} (overhead ${ms(lUp - injectedLlm)})`);
    row("chat calls: rules-confident turns / turns the rules were unsure of", `${rulesChats} of ${rules.length} / ${llmChats} of ${llm.length}`);
    const first = median([...rules, ...llm].map((m) => m.ttsFirstChunk));
    const whole = median([...rules, ...llm].map((m) => m.ttsWhole));
    row("first sentence's speech in the page: first chunk / whole file (streamed through the proxy)", `${ms(first)} / ${ms(whole)} (injected ${TTS_FIRST_MS} / ${TTS_FIRST_MS + streamTail} ms)`);
    const parts = (m: Measured[], chat: number) =>
      [0, 1, 2, 3, 4].map((i) => ms(median(m.map((x) => x.parts[i]!)) - (i === 2 ? chat : 0))).join(" + ");
    row("overhead, rules turn: recorder flush + upload/proxy (STT) + turn and render + proxy (speech) + decode/queue", parts(rules, 0));
    row("overhead, model turn: the same five parts (the third: the turn with its chat call, less 400 ms)", parts(llm, CHAT_MS));
  } finally {
    await browser.close();
    await app.close();
    await fake.close();
  }
}

await main();
