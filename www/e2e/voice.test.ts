/** (2) Voice through the proxy and the fake upstream: Chromium's fake microphone plays an
 * espeak-ng recording, the clip reaches /api/transcribe, the fake transcript drives the agent,
 * the fake speech is fetched and played, and the booking card updates.
 * (3) Barge-in: pressing talk while Alex speaks stops his playback. */

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID, type FakeUpstream } from "../test/fake-upstream.js";
import { launch, requireBuild, serveApp, shot, speechWav } from "./harness.js";

let fake: FakeUpstream;
let app: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

interface AudioMarks { started: number; stopped: number; firstStart: number; streamEnds: number[]; peak: number }

/** Counts Web Audio playback starts and stops in the page, notes when the first one started and
 * when each speech stream from /api/tts ended (performance.now()), and the loudest sample played. */
const INSTRUMENT = () => {
  const w = window as unknown as { __audio: AudioMarks };
  w.__audio = { started: 0, stopped: 0, firstStart: 0, streamEnds: [], peak: 0 };
  const fetch0 = window.fetch;
  window.fetch = async function (this: Window, input: RequestInfo | URL, init?: RequestInit) {
    const response = await fetch0.call(this, input, init);
    if (!String(input).endsWith("/api/tts") || !response.body) return response;
    const ended = new TransformStream({ flush: () => void w.__audio.streamEnds.push(performance.now()) });
    return new Response(response.body.pipeThrough(ended), { status: response.status, headers: response.headers });
  } as typeof fetch;
  const proto = AudioBufferSourceNode.prototype;
  const start = proto.start;
  const stop = proto.stop;
  proto.start = function (...args: Parameters<typeof start>) {
    if (w.__audio.started++ === 0) w.__audio.firstStart = performance.now();
    for (const sample of this.buffer?.getChannelData(0) ?? []) w.__audio.peak = Math.max(w.__audio.peak, Math.abs(sample));
    return start.apply(this, args);
  };
  proto.stop = function (...args: Parameters<typeof stop>) {
    w.__audio.stopped++;
    return stop.apply(this, args);
  };
};

const audioCounts = (p: Page) => p.evaluate(() => (window as unknown as { __audio: AudioMarks }).__audio);
const ttsRequests = () => fake.requests.filter((r) => r.path.startsWith("/v1/text-to-speech/"));
const sttRequests = () => fake.requests.filter((r) => r.path === "/openai/v1/audio/transcriptions");

async function holdTalk(p: Page, ms: number): Promise<void> {
  const box = (await p.locator("[data-testid=talk]").boundingBox())!;
  await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await p.mouse.down();
  await p.waitForSelector("[data-testid=status][data-status=listening]");
  await p.waitForTimeout(ms);
  await p.mouse.up();
}

beforeAll(async () => {
  requireBuild();
  fake = await startFakeUpstream();
  Object.assign(process.env, {
    GROQ_API_KEY: TEST_GROQ_KEY,
    ELEVENLABS_API_KEY: TEST_ELEVEN_KEY,
    ELEVENLABS_VOICE_ID: TEST_VOICE_ID,
    GROQ_BASE_URL: fake.url,
    ELEVENLABS_BASE_URL: fake.url,
    UPSTREAM_TIMEOUT_MS: "10000",
  });
  app = await serveApp();
  browser = await launch(speechWav("Hello, this is Marcus Johnson.", "mic-name"));
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.addInitScript(INSTRUMENT);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await fake?.close();
});

describe("voice through the proxy", () => {
  it("shows the server tiers and speaks the greeting with the server voice, from its first chunk", async () => {
    // Each sentence's speech streams in over a second: Alex must start on the first chunk.
    fake.ttsChunks = 8;
    fake.ttsChunkDelayMs = 150;
    await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await page.waitForSelector('[data-testid=app][data-ready=true]');
    expect(await page.getAttribute('[data-tier="stt"]', "data-on")).toBe("true");
    expect(await page.getAttribute('[data-tier="tts"]', "data-on")).toBe("true");
    await page.waitForFunction(() => (window as unknown as { __audio: { started: number } }).__audio.started > 0, null, { timeout: 15_000 });
    expect(ttsRequests().length).toBeGreaterThan(0);
    expect((ttsRequests()[0]!.json as { text: string }).text).toMatch(/Alex|United/);
    await page.waitForFunction(() => (window as unknown as { __audio: { streamEnds: number[] } }).__audio.streamEnds.length > 0, null, { timeout: 15_000 });
    const audio = await audioCounts(page);
    expect(audio.firstStart).toBeLessThan(Math.min(...audio.streamEnds) - 500);
    // The fake's tone peaks at 0.3: bytes read out of step (a chunk cut mid-sample) would be noise.
    expect(audio.peak).toBeGreaterThan(0.2);
    expect(audio.peak).toBeLessThanOrEqual(0.301);
    fake.ttsChunks = 5;
    fake.ttsChunkDelayMs = 20;
    await shot(page, "e2e-2a-voice-greeting");
  });

  it("records from the microphone, transcribes, answers and speaks", async () => {
    await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 15_000 });
    fake.transcript = "Hello, this is Marcus Johnson.";
    const ttsBefore = ttsRequests().length;
    const startedBefore = (await audioCounts(page)).started;
    const box = (await page.locator("[data-testid=talk]").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForSelector("[data-testid=status][data-status=listening]");
    await page.waitForTimeout(1500);
    expect(await page.textContent("[data-testid=timer]")).toMatch(/0:0[1-2] \/ 0:30/);
    const meter = await page.getAttribute("[role=meter]", "aria-valuenow");
    await shot(page, "e2e-2b-recording");
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length === 1, null, { timeout: 20_000 });
    expect(Number(meter)).toBeGreaterThan(0); // the fake microphone's speech moved the meter

    const sent = sttRequests().at(-1)!;
    const file = sent.form!.file as { name: string; type: string; size: number };
    expect(file.size).toBeGreaterThan(1000);
    expect(file.type).toMatch(/^audio\/webm/);
    expect(sent.form!.model).toBe("whisper-large-v3-turbo");
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_GROQ_KEY}`);

    expect(await page.textContent('[data-who="caller"]')).toContain("Marcus Johnson");
    await page.waitForFunction(() => document.querySelector("[data-testid=slot-name]")?.textContent?.includes("Marcus Johnson"));
    await page.waitForFunction((n) => (window as unknown as { __audio: { started: number } }).__audio.started > n, startedBefore, { timeout: 15_000 });
    expect(ttsRequests().length).toBeGreaterThan(ttsBefore);
    await shot(page, "e2e-2c-after-voice-turn");
  });

  it("barge-in: talking while Alex speaks stops his playback", async () => {
    await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 20_000 });
    // Long, slowly streamed speech so Alex is still talking when the caller interrupts.
    fake.ttsToneMs = 6000;
    fake.ttsChunkDelayMs = 10;
    fake.transcript = "I'm flying out of Boston";
    await holdTalk(page, 900);
    await page.waitForSelector("[data-testid=status][data-status=speaking]", { timeout: 20_000 });
    const before = await audioCounts(page);
    await shot(page, "e2e-3a-alex-speaking");
    fake.transcript = "to Denver";
    const box = (await page.locator("[data-testid=talk]").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForSelector("[data-testid=status][data-status=listening]", { timeout: 5_000 });
    const after = await audioCounts(page);
    expect(after.stopped).toBeGreaterThan(before.stopped);
    await shot(page, "e2e-3b-barged-in");
    fake.ttsToneMs = 600;
    await page.waitForTimeout(900);
    await page.mouse.up();
    // The interrupting utterance is heard and answered like any other.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-who="caller"]')].some((e) => e.textContent?.includes("to Denver")), null, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector("[data-testid=slot-route]")?.textContent?.includes("DEN"), null, { timeout: 20_000 });
    expect(await page.textContent("[data-testid=slot-route]")).toContain("BOS");
    await shot(page, "e2e-3c-after-barge-in");
  });

  it("mute: Alex's replies are not fetched or played while muted", async () => {
    await page.click("[data-testid=mute]");
    expect(await page.getAttribute("[data-testid=mute]", "aria-pressed")).toBe("true");
    const ttsBefore = ttsRequests().length;
    const startedBefore = (await audioCounts(page)).started;
    const alexBefore = await page.locator('[data-who="alex"]').count();
    await page.fill("[data-testid=text]", "one way");
    await page.click("[data-testid=send]");
    await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, alexBefore);
    await page.waitForTimeout(500);
    expect(ttsRequests().length).toBe(ttsBefore);
    expect((await audioCounts(page)).started).toBe(startedBefore);
    await page.click("[data-testid=mute]");
  });

  it("the Space bar is hold-to-talk too", async () => {
    await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 20_000 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    fake.transcript = "December 15th";
    await page.keyboard.down("Space");
    await page.waitForSelector("[data-testid=status][data-status=listening]");
    await page.waitForTimeout(900);
    await page.keyboard.up("Space");
    await page.waitForFunction(() => [...document.querySelectorAll('[data-who="caller"]')].some((e) => e.textContent?.includes("December 15th")), null, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector("[data-testid=slot-departure]")?.textContent?.includes("Dec 15, 2026"), null, { timeout: 10_000 });
  });

  it("asks the language model through the proxy when the rules are unsure", async () => {
    await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 20_000 });
    fake.chatContent = '{"intent": "other", "confidence": 0.9}';
    const chatBefore = fake.requests.filter((r) => r.path === "/openai/v1/chat/completions").length;
    const alexBefore = await page.locator('[data-who="alex"]').count();
    await page.fill("[data-testid=text]", "hmm honestly whatever lets me sleep the whole way over there");
    await page.click("[data-testid=send]");
    await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, alexBefore, { timeout: 20_000 });
    const chats = fake.requests.filter((r) => r.path === "/openai/v1/chat/completions");
    expect(chats.length).toBe(chatBefore + 1);
    const body = chats.at(-1)!.json as { model: string; response_format: unknown; max_completion_tokens: number; messages: { role: string }[] };
    expect(body.model).toBe("llama-3.3-70b-versatile");
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.max_completion_tokens).toBeLessThanOrEqual(300);
    expect(body.messages[0]!.role).toBe("system");
    // An answer that adds nothing leaves the rules' reading (tier "rules"); the turn still completes.
    expect(await page.getAttribute("[data-testid=app]", "data-tier")).toMatch(/^(rules|llm|rules_after_llm_failure)$/);
  });

  it.each([
    ["NotAllowedError", /blocked/],
    ["NotFoundError", /No microphone/],
  ])("explains a microphone failure (%s)", async (errorName, message) => {
    const other = await browser.newPage();
    await other.addInitScript((name) => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("test", name));
    }, errorName);
    await other.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await other.waitForSelector('[data-testid=app][data-ready=true]');
    await other.click("[data-testid=talk]");
    await other.waitForSelector("[data-testid=notice]");
    expect(await other.textContent("[data-testid=notice]")).toMatch(message);
    expect(await other.getAttribute("[data-testid=status]", "data-status")).not.toBe("listening");
    if (errorName === "NotAllowedError") await shot(other, "e2e-4-mic-denied");
    await other.close();
  });

  it("a tap starts talking and a second tap sends", async () => {
    await page.waitForSelector("[data-testid=status][data-status=ready]", { timeout: 20_000 });
    fake.transcript = "economy please";
    await page.click("[data-testid=talk]");
    await page.waitForTimeout(1_000);
    expect(await page.getAttribute("[data-testid=status]", "data-status")).toBe("listening");
    expect(await page.textContent("[data-testid=talk]")).toContain("Tap to send");
    await page.click("[data-testid=talk]");
    await page.waitForFunction(() => [...document.querySelectorAll('[data-who="caller"]')].some((e) => e.textContent?.includes("economy please")), null, { timeout: 20_000 });
  });

  it("never shows a key to the page", async () => {
    const html = await page.content();
    expect(html).not.toContain(TEST_GROQ_KEY);
    expect(html).not.toContain(TEST_ELEVEN_KEY);
  });
});
