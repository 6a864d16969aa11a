/** Hands-free calls with the server ear (Groq Whisper through the proxy and the fake
 * upstream): Chromium's fake microphone plays espeak-ng speech with silences, the wasm
 * voice-activity detector finds the turns, and nobody presses a talk button.
 * - two utterances apart become two turns;
 * - speech while Alex speaks stops him (measured in the page);
 * - a backchannel ("uh-huh") while Alex speaks does not;
 * - a failing recogniser is told apart from silence and the next ear takes over. */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID, type FakeUpstream } from "../test/fake-upstream.js";
import { FAKE_RECOGNITION, launch, micFile, requireBuild, RESULTS, serveApp, shot } from "./harness.js";

let fake: FakeUpstream;
let app: { url: string; close(): Promise<void> };
const browsers: Browser[] = [];

/** Counts Web Audio playback starts and stops in the page. */
const INSTRUMENT = () => {
  const w = window as unknown as { __audio: { started: number; stopped: number } };
  w.__audio = { started: 0, stopped: 0 };
  const proto = AudioBufferSourceNode.prototype;
  const start = proto.start;
  const stop = proto.stop;
  proto.start = function (...args: Parameters<typeof start>) {
    w.__audio.started++;
    return start.apply(this, args);
  };
  proto.stop = function (...args: Parameters<typeof stop>) {
    w.__audio.stopped++;
    return stop.apply(this, args);
  };
};

const audioCounts = (p: Page) => p.evaluate(() => (window as unknown as { __audio: { started: number; stopped: number } }).__audio);
const callerLines = (p: Page) => p.$$eval('[data-who="caller"] .text', (els) => els.map((e) => e.textContent ?? ""));

async function openCall(mic: string, options: { recognition?: boolean } = {}): Promise<Page> {
  const browser = await launch(mic);
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.addInitScript(INSTRUMENT);
  if (options.recognition) await page.addInitScript(FAKE_RECOGNITION);
  await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
  await page.waitForSelector("[data-testid=app][data-ready=true]");
  return page;
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
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await app?.close();
  await fake?.close();
});

describe("a hands-free call with the server ear", () => {
  it("two utterances separated by silence become two turns, no button pressed", async () => {
    fake.reset();
    fake.ttsToneMs = 500;
    fake.ttsChunkDelayMs = 5;
    fake.transcriptQueue = ["My name is Marcus Johnson.", "I'm flying from Boston to Denver."];
    const page = await openCall(micFile("mic-two", [4, "My name is Marcus Johnson.", 4, "I'm flying from Boston to Denver."]));
    await page.click("[data-testid=start-call]");
    await page.waitForSelector("[data-testid=call]");
    expect(await page.getAttribute("[data-testid=ear]", "data-ear")).toBe("server");
    await page.waitForSelector("[data-testid=call][data-talking=true]", { timeout: 15_000 });
    await shot(page, "e2e-hf-1a-caller-talking");
    await page.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length >= 2, null, { timeout: 40_000 });
    expect(await callerLines(page)).toEqual(["My name is Marcus Johnson.", "I'm flying from Boston to Denver."]);
    await page.waitForFunction(() => document.querySelector("[data-testid=slot-route]")?.textContent?.includes("DEN"), null, { timeout: 15_000 });
    // Each recording is one utterance as a WAV, with its pre-roll: over a second of speech.
    const sent = fake.requests.filter((r) => r.path === "/openai/v1/audio/transcriptions");
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      const file = request.form!.file as { name: string; type: string; size: number };
      expect(file.type).toBe("audio/wav");
      expect(file.size).toBeGreaterThan(32_000);
    }
    // The latency panel: each turn from the end of speech to transcript, reply and first audio.
    await page.click("[data-testid=latency] summary");
    await page.waitForFunction(() => (document.querySelector("[data-testid=latency] tbody tr")?.textContent ?? "").split("ms").length >= 4, null, { timeout: 10_000 });
    const row = await page.textContent("[data-testid=latency] tbody tr");
    expect(row).toMatch(/^last\d+ ms\d+ ms\d+ ms$/);
    await shot(page, "e2e-hf-1b-two-turns");
  });

  it("speech while Alex speaks interrupts him within 200 ms of the minimum", async () => {
    fake.reset();
    fake.ttsToneMs = 8000;
    fake.ttsChunkDelayMs = 5;
    fake.transcript = "Actually I want to go to Denver instead.";
    const page = await openCall(micFile("mic-barge", [3, "Actually I want to go to Denver instead.", 2]));
    await page.click("[data-testid=start-call]");
    await page.waitForSelector("[data-testid=status][data-status=speaking]", { timeout: 15_000 });
    const before = await audioCounts(page);
    await page.waitForSelector("[data-testid=barge-in]", { state: "attached", timeout: 15_000 });
    const afterMinimum = Number(await page.getAttribute("[data-testid=barge-in]", "data-after-minimum-ms"));
    const afterOnset = Number(await page.getAttribute("[data-testid=barge-in]", "data-onset-ms"));
    writeFileSync(join(RESULTS, "barge-in.json"), JSON.stringify({ afterMinimumMs: afterMinimum, afterOnsetMs: afterOnset }));
    expect(afterMinimum).toBeGreaterThanOrEqual(0);
    expect(afterMinimum).toBeLessThanOrEqual(200);
    expect(afterOnset).toBeLessThanOrEqual(200 + 500 + 50); // the wordless ear's 500 ms minimum
    await page.waitForFunction(() => [...document.querySelectorAll('[data-who="caller"]')].some((e) => e.textContent?.includes("Denver")), null, { timeout: 20_000 });
    expect((await audioCounts(page)).stopped).toBeGreaterThan(before.stopped);
    // Where Alex was cut off, for the agent's record: the greeting's first sentence, unfinished.
    const where = await page.evaluate(() => (window as unknown as { __lastInterruption: { segments: string[]; played: number; cutText: string } }).__lastInterruption);
    expect(where.played).toBe(0);
    expect(where.segments[0]).toMatch(/Alex/);
    expect(where.cutText).toBe(where.segments.join(" "));
    // The transcript shows only what was played: nothing of the greeting, cut at once.
    const greeting = await page.locator('[data-who="alex"]').first().textContent();
    expect(greeting).toContain("…");
    expect(greeting).not.toContain("pleasure");
    await shot(page, "e2e-hf-2-barged-in");
  });

  it("a backchannel while Alex speaks does not interrupt him", async () => {
    fake.reset();
    fake.ttsToneMs = 8000;
    fake.ttsChunkDelayMs = 5;
    const page = await openCall(micFile("mic-uhhuh", [3, "uh-huh", 3]));
    await page.click("[data-testid=start-call]");
    await page.waitForSelector("[data-testid=status][data-status=speaking]", { timeout: 15_000 });
    const before = await audioCounts(page);
    await page.waitForTimeout(5_000);
    expect(await page.$("[data-testid=barge-in]")).toBeNull();
    expect((await audioCounts(page)).stopped).toBe(before.stopped);
    expect(await callerLines(page)).toEqual([]);
    expect(await page.getAttribute("[data-testid=status]", "data-status")).toBe("speaking");
    expect(fake.requests.filter((r) => r.path === "/openai/v1/audio/transcriptions")).toHaveLength(0);
  });

  it("a failing recogniser says so and the browser's recognition takes over", async () => {
    fake.reset();
    fake.ttsToneMs = 300;
    const page = await openCall(micFile("mic-fail", [3, "My name is Marcus Johnson.", 2]), { recognition: true });
    fake.mode = "failing";
    await page.click("[data-testid=start-call]");
    await page.waitForSelector("[data-testid=notice]", { timeout: 20_000 });
    expect(await page.textContent("[data-testid=notice]")).toBe("I'm having trouble hearing you, you can type instead.");
    expect(await page.getAttribute("[data-testid=ear]", "data-ear")).toBe("browser");
    expect(await page.textContent("[data-testid=ear]")).toMatch(/browser's built-in speech recognition/);
    expect(await callerLines(page)).toEqual([]);
    fake.mode = "ok";
  });
});
