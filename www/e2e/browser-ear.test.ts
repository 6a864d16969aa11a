/** A hands-free call with no keys at all: the browser's own speech recognition is the ear (a
 * stand-in SpeechRecognition object the test drives, since headless Chromium has no recognition
 * service), the wasm voice-activity detector still finds when the caller starts and stops on
 * Chromium's fake microphone, the interim words show as they come, and the final words are the
 * turn. */

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_RECOGNITION, launch, micFile, requireBuild, serveApp, shot } from "./harness.js";

let app: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

const emit = (p: Page, text: string, isFinal: boolean) =>
  p.evaluate(([t, f]) => (window as unknown as { __recognition: { emit(t: string, f: boolean): void } }).__recognition.emit(t, f), [text, isFinal] as const);

beforeAll(async () => {
  requireBuild();
  for (const key of ["GROQ_API_KEY", "ELEVENLABS_API_KEY", "ELEVENLABS_VOICE_ID"]) delete process.env[key];
  app = await serveApp();
  browser = await launch(micFile("mic-browser-ear", [3, "Hello, this is Marcus Johnson."]));
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.addInitScript(FAKE_RECOGNITION);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the no-key ear", () => {
  it("offers a call without a server recogniser and says which ear listens", async () => {
    await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await page.waitForSelector("[data-testid=app][data-ready=true]");
    expect(await page.getAttribute('[data-tier="stt"]', "data-on")).toBe("false");
    expect(await page.$("[data-testid=talk]")).toBeNull(); // hold-to-talk needs the server
    await page.click("[data-testid=start-call]");
    await page.waitForSelector("[data-testid=call]");
    expect(await page.getAttribute("[data-testid=ear]", "data-ear")).toBe("browser");
    expect(await page.textContent("[data-testid=ear]")).toMatch(/your browser's built-in speech recognition/);
  });

  it("shows the words as heard and answers the final words as the turn", async () => {
    await page.waitForSelector("[data-testid=call][data-talking=true]", { timeout: 15_000 });
    await emit(page, "Hello this is", false);
    await page.waitForFunction(() => document.querySelector("[data-testid=interim]")?.textContent?.includes("Hello this is"));
    await shot(page, "e2e-ear-1-interim-words");
    await emit(page, "Hello, this is Marcus Johnson.", true);
    await page.waitForFunction(() => document.querySelector('[data-who="caller"] .text')?.textContent === "Hello, this is Marcus Johnson.", null, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector("[data-testid=slot-name]")?.textContent?.includes("Marcus Johnson"));
    expect(await page.textContent("[data-testid=interim]")).not.toContain("Hello");
    await shot(page, "e2e-ear-2-turn");
  });

  it("asks again gently after 8 s of silence", async () => {
    const before = await page.locator('[data-who="alex"]').count();
    await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, before, { timeout: 15_000 });
    const last = await page.locator('[data-who="alex"] .text').last().textContent();
    expect(last).toMatch(/^Are you still there\? /);
  });

  it("a blocked microphone is explained and the call does not start", async () => {
    const other = await browser.newPage();
    await other.addInitScript(FAKE_RECOGNITION);
    await other.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("test", "NotAllowedError"));
    });
    await other.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await other.waitForSelector("[data-testid=app][data-ready=true]");
    await other.click("[data-testid=start-call]");
    await other.waitForSelector("[data-testid=notice]");
    expect(await other.textContent("[data-testid=notice]")).toMatch(/Microphone access is blocked/);
    expect(await other.$("[data-testid=call]")).toBeNull();
    expect(await other.isVisible("[data-testid=start-call]")).toBe(true);
    await other.close();
  });
});
