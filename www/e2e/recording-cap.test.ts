/** The 30 s recording cap: a caller who keeps holding the button is sent after 30 s. The page's
 * clock is Playwright's fake one, fast-forwarded past the cap. */

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, TEST_GROQ_KEY, type FakeUpstream } from "../test/fake-upstream.js";
import { launch, requireBuild, serveApp, shot, speechWav } from "./harness.js";

let fake: FakeUpstream;
let app: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuild();
  fake = await startFakeUpstream();
  for (const key of ["ELEVENLABS_API_KEY", "ELEVENLABS_VOICE_ID"]) delete process.env[key];
  Object.assign(process.env, { GROQ_API_KEY: TEST_GROQ_KEY, GROQ_BASE_URL: fake.url, UPSTREAM_TIMEOUT_MS: "10000" });
  app = await serveApp();
  browser = await launch(speechWav("I am flying out of Boston.", "mic-cap"));
  page = await browser.newPage();
  await page.clock.install();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await fake?.close();
});

describe("recording cap", () => {
  it("stops and sends a recording held past 30 seconds", async () => {
    await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await page.waitForSelector('[data-testid=app][data-ready=true]');
    fake.transcript = "Marcus Johnson";
    const box = (await page.locator("[data-testid=talk]").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForSelector("[data-testid=status][data-status=listening]");
    await page.waitForTimeout(800); // real time, so the recorder has audio
    await page.clock.fastForward(28_000);
    expect(await page.getAttribute("[data-testid=status]", "data-status")).toBe("listening");
    expect(await page.textContent("[data-testid=timer]")).toMatch(/0:2[89] \/ 0:30/);
    await shot(page, "e2e-5-recording-near-cap");
    await page.clock.fastForward(2_500);
    // Still holding the button: the cap sent the clip.
    await page.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length === 1, null, { timeout: 20_000 });
    expect(fake.requests.filter((r) => r.path === "/openai/v1/audio/transcriptions")).toHaveLength(1);
    await page.mouse.up();
    expect(await page.textContent('[data-who="caller"]')).toContain("Marcus Johnson");
  });
});
