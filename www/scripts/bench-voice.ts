/** The voice loop's own latency: the built app (dist/) in headless Chromium, its fake microphone,
 * the local server, and the fake upstream answering after FIXED delays (speech-to-text 300 ms,
 * chat 400 ms, speech: first chunk after 250 ms, then the rest of the sentence's audio in CHUNKS
 * chunks CHUNK_MS apart: each reply sentence is TONE_MS of audio sent over about a second).
 *
 * Measured in the page, from the end of the caller's speech to the first audio sample played
 * (when the first AudioBufferSourceNode is due to start), with two anchors: the recorder stopping
 * (MediaRecorder.stop) and the audio handed to the agent (its upload to /api/transcribe
 * starting: the first thing `Agent.hear(blob)` does). Twice: as the app plays speech, from the
 * first chunk of the first sentence, and with `?speech=whole`, which waits for each sentence's
 * whole stream first (what decoding whole files did). Subtracting the injected delays (for the
 * whole file, the time its stream takes too) leaves our overhead: recorder flush, upload, proxy
 * hops, wasm turn, PCM conversion, queue.
 * Hooks are on Web APIs only (MediaRecorder, fetch, AudioBufferSourceNode), so the measurement
 * holds for any way of ending a recording (hold-to-talk or voice detection) that hands a clip to
 * `hear`.
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
const TONE_MS = 2000;
const CHUNKS = 11;
const CHUNK_MS = 100;
/** The greeting before each turn is not measured: short, so the run is not longer than needed. */
const GREETING_TONE_MS = 300;
const TURNS = Number(process.argv[2] ?? 7);
/** When the sentence's last chunk is sent after its first (the fake's odd-sized chunks). */
const PCM_BYTES = (TONE_MS / 1000) * 24_000 * 2;
const STREAM_TAIL_MS = (Math.ceil(PCM_BYTES / (Math.ceil(PCM_BYTES / CHUNKS) | 1)) - 1) * CHUNK_MS;

/** Marks in the page (performance.now()). */
interface Marks {
  stops: number[];
  /** Each request: started, response headers, first body chunk, body complete. */
  fetches: { url: string; start: number; headers: number; first: number; body: number }[];
  /** When each AudioBufferSourceNode is due to start. */
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
    const mark = { url, start: performance.now(), headers: 0, first: 0, body: 0 };
    marks.fetches.push(mark);
    return fetch0.call(this, input, init).then((response) => {
      mark.headers = performance.now();
      if (!url.endsWith("/api/tts") || !response.body) return response;
      // Speech: note its first chunk and its end as the app reads it.
      const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          mark.first ||= performance.now();
          out.enqueue(chunk);
        },
        flush() {
          mark.body = performance.now();
        },
      }));
      return new Response(body, { status: response.status, headers: response.headers });
    });
  } as typeof fetch;
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args: Parameters<typeof start>) {
    const wait = Math.max(0, (args[0] ?? 0) - this.context.currentTime);
    marks.plays.push(performance.now() + wait * 1000);
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
  /** The first reply sentence's speech in the page: its first chunk and its whole stream. */
  ttsFirstChunk: number;
  ttsWhole: number;
  /** Where the time goes: recorder stop -> upload starts; upload -> transcript back (less the
   * injected STT delay; response headers, the JSON is small); transcript -> speech requested (the
   * turn, chat included, and rendering); speech requested -> the audio it waits for (its first
   * chunk, or with `?speech=whole` its whole stream; less the injected delays); that audio ->
   * first sample (PCM conversion, queue, scheduling). */
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
    const open = async (query: string): Promise<Page> => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.addInitScript(INSTRUMENT);
      await page.goto(`${app.url}/?today=2026-11-27&seed=11${query}`);
      await page.waitForSelector("[data-testid=app][data-ready=true]");
      return page;
    };

    const turn = async (page: Page, transcript: string, chat: string, whole: boolean): Promise<Measured> => {
      fake.ttsToneMs = GREETING_TONE_MS;
      await page.click("[data-testid=new-booking]");
      await page.waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.plays.length > 0);
      await ready(page);
      await page.waitForTimeout(200);
      fake.ttsToneMs = TONE_MS;
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
      const tts = fetches.find((f) => f.url.endsWith("/api/tts"))!;
      const play = after.plays[before.plays.length]!;
      const heard = whole ? tts.body : tts.first;
      return {
        fromStop: play - stop,
        fromUpload: play - upload.start,
        chatCalls: fake.requests.filter((r) => r.path === "/openai/v1/chat/completions").length - chatsBefore,
        tier: (await page.getAttribute("[data-testid=app]", "data-tier")) ?? "",
        ttsFirstChunk: tts.first - tts.start,
        ttsWhole: tts.body - tts.start,
        parts: [
          upload.start - stop,
          upload.headers - upload.start - STT_MS,
          tts.start - upload.headers,
          heard - tts.start - TTS_FIRST_MS - (whole ? STREAM_TAIL_MS : 0),
          play - heard,
        ],
      };
    };

    const RULES = ["I'm Priya Patel, one way from Chicago to Denver next Friday", '{"intent": "other"}'] as const;
    const MODEL = ["hmm honestly whatever lets me sleep the whole way over there", '{"intent": "other", "confidence": 0.9}'] as const;
    // As the app plays speech: from the first chunk. The first turn of a page builds the place
    // tables and JIT-compiles: a warm-up, not counted.
    const page = await open("");
    await turn(page, ...RULES, false);
    const rules: Measured[] = [];
    const llm: Measured[] = [];
    for (let i = 0; i < TURNS; i++) {
      rules.push(await turn(page, ...RULES, false));
      llm.push(await turn(page, ...MODEL, false));
    }
    await page.close();
    // Waiting for each sentence's whole stream (rules-confident turns only: the chat call is
    // the same either way).
    const wholePage = await open("&speech=whole");
    await turn(wholePage, ...RULES, true);
    const wholeFile: Measured[] = [];
    for (let i = 0; i < TURNS; i++) wholeFile.push(await turn(wholePage, ...RULES, true));
    await wholePage.close();

    const injectedRules = STT_MS + TTS_FIRST_MS;
    const injectedLlm = injectedRules + CHAT_MS;
    const injectedWhole = injectedRules + STREAM_TAIL_MS;
    const pr = (label: string, m: Measured[]) =>
      console.log(`${label}: ${m.map((x) => `${x.fromStop.toFixed(0)}ms/${x.chatCalls} chat/${x.tier}`).join(", ")}`);
    pr("rules-confident turns (end of speech -> first sample / chat calls / tier)", rules);
    pr("turns that ask the model", llm);
    pr("rules-confident turns, waiting for each sentence's whole stream", wholeFile);

    const rStop = median(rules.map((m) => m.fromStop));
    const rUp = median(rules.map((m) => m.fromUpload));
    const lStop = median(llm.map((m) => m.fromStop));
    const lUp = median(llm.map((m) => m.fromUpload));
    const wStop = median(wholeFile.map((m) => m.fromStop));
    const wUp = median(wholeFile.map((m) => m.fromUpload));
    const rulesChats = rules.reduce((s, m) => s + m.chatCalls, 0);
    const llmChats = llm.reduce((s, m) => s + m.chatCalls, 0);
    console.log(`injected: stt ${STT_MS} ms, chat ${CHAT_MS} ms, speech first chunk ${TTS_FIRST_MS} ms, then ${TONE_MS} ms of audio per sentence whose last chunk comes ${STREAM_TAIL_MS} ms after the first (${CHUNKS} chunks ${CHUNK_MS} ms apart)`);
    row("voice turn, rules-confident: recorder stop -> first sample played (median; speech played from its first chunk)", `${ms(rStop)} (injected ${injectedRules} ms: overhead ${ms(rStop - injectedRules)})`);
    row("voice turn, rules-confident: audio handed to the agent -> first sample played", `${ms(rUp)} (overhead ${ms(rUp - injectedRules)})`);
    row("voice turn asking the model: recorder stop -> first sample played", `${ms(lStop)} (injected ${injectedLlm} ms: overhead ${ms(lStop - injectedLlm)})`);
    row("voice turn asking the model: audio handed to the agent -> first sample played", `${ms(lUp)} (overhead ${ms(lUp - injectedLlm)})`);
    row(`voice turn, rules-confident, waiting for the first sentence's whole stream (\`?speech=whole\`; ${TONE_MS / 1000} s of speech, its last chunk ${STREAM_TAIL_MS} ms after the first): recorder stop / audio handed to the agent -> first sample played`, `${ms(wStop)} / ${ms(wUp)} (injected ${injectedWhole} ms: overhead ${ms(wStop - injectedWhole)} / ${ms(wUp - injectedWhole)})`);
    row("first sample played after the recorder stopped: streamed / whole file (rules-confident turns)", `${ms(rStop)} / ${ms(wStop)}: ${ms(wStop - rStop)} sooner`);
    row("chat calls: rules-confident turns / turns the rules were unsure of", `${rulesChats} of ${rules.length} / ${llmChats} of ${llm.length}`);
    const first = median([...rules, ...llm].map((m) => m.ttsFirstChunk));
    const whole = median([...rules, ...llm].map((m) => m.ttsWhole));
    row("first sentence's speech in the page: first chunk / whole stream (streamed through the proxy)", `${ms(first)} / ${ms(whole)} (injected ${TTS_FIRST_MS} / ${TTS_FIRST_MS + STREAM_TAIL_MS} ms)`);
    const parts = (m: Measured[], chat: number) =>
      [0, 1, 2, 3, 4].map((i) => ms(median(m.map((x) => x.parts[i]!)) - (i === 2 ? chat : 0))).join(" + ");
    row("overhead, rules turn: recorder flush + upload/proxy (STT) + turn and render + proxy (speech, to its first chunk) + first chunk -> first sample (PCM, queue)", parts(rules, 0));
    row("overhead, model turn: the same five parts (the third: the turn with its chat call, less 400 ms)", parts(llm, CHAT_MS));
    row("overhead, rules turn waiting for the whole stream: the same five parts (the fourth to the stream's end)", parts(wholeFile, 0));
  } finally {
    await browser.close();
    await app.close();
    await fake.close();
  }
}

await main();
