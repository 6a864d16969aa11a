/** Screenshots of the built app for a look by eye: desktop (1280x800) and phone (390x844), at
 * the greeting, with offers on the table, and with the booking confirmed. Typed answers, no
 * keys. Then a hands-free call at the offers (Chromium's fake microphone with espeak-ng speech,
 * a stand-in for the browser's speech recognition): the caller talking, words as heard.
 * `tsx scripts/screenshots.ts [outDir]` (default test-results/screens). */

import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { startServer } from "../server.js";
import { FAKE_RECOGNITION, micFile } from "../e2e/harness.js";

const out = process.argv[2] ?? "test-results/screens";
const ANSWERS = [
  "Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd",
  "economy",
  "yes",
];

async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('[data-who="alex"]').count();
  await page.fill("[data-testid=text]", text);
  await page.click("[data-testid=send]");
  await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, before);
}

async function main(): Promise<void> {
  for (const key of ["GROQ_API_KEY", "ELEVENLABS_API_KEY", "ELEVENLABS_VOICE_ID"]) delete process.env[key];
  console.log = () => undefined; // the API's request log lines
  mkdirSync(out, { recursive: true });
  // Its own booking store, and the fares search on the screenshots' day.
  process.env.BOOKINGS_DATA_DIR = mkdtempSync(join(tmpdir(), "uv-screens-"));
  process.env.FARES_TODAY = "2026-11-27";
  const { server, url } = await startServer({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const errors: string[] = [];
  try {
    for (const [name, viewport, mobile] of [["desktop", { width: 1280, height: 800 }, false], ["phone", { width: 390, height: 844 }, true]] as const) {
      const page = await browser.newPage({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
      page.on("pageerror", (e) => errors.push(`${name}: ${e.message}`));
      await page.goto(`${url.replace("localhost", "127.0.0.1")}/?today=2026-11-27&seed=11`);
      await page.waitForSelector("[data-testid=app][data-ready=true]");
      await page.waitForSelector('[data-who="alex"]');
      await page.screenshot({ path: join(out, `${name}-1-greeting.png`) });
      for (const answer of ANSWERS) await say(page, answer);
      await page.waitForSelector("[data-testid=offer-2]");
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${name}-2-offers.png`), fullPage: true });
      const before = await page.locator('[data-who="alex"]').count();
      await page.click("[data-testid=offer-2]");
      await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, before);
      await say(page, "yes");
      // The ticket's details, as a caller gives them, then the read-back's yes.
      for (const detail of ["March 3rd, 1990", "female", "priya dot patel at example dot com", "yes"]) await say(page, detail);
      await page.waitForSelector("[data-testid=booking-confirmed]");
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${name}-3-confirmed.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) errors.push(`${name}: the page is ${overflow}px wider than the screen`);
      await page.close();
    }
    await handsFree(`${url.replace("localhost", "127.0.0.1")}/?today=2026-11-27&seed=11`, errors);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
  process.stdout.write(errors.length ? `problems:\n${errors.join("\n")}\n` : `screenshots in ${out}, no page errors\n`);
  if (errors.length) process.exitCode = 1;
}

/** A hands-free call at the offers, desktop and phone: what is above the fold while the caller
 * talks. */
async function handsFree(url: string, errors: string[]): Promise<void> {
  const mic = micFile("screens-mic", [1.5, "I'll take option two, the cheaper one please."]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${mic}`],
  });
  try {
    for (const [name, viewport, mobile] of [["desktop", { width: 1280, height: 800 }, false], ["phone", { width: 390, height: 844 }, true]] as const) {
      const page = await browser.newPage({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
      page.on("pageerror", (e) => errors.push(`${name} hands-free: ${e.message}`));
      await page.addInitScript(FAKE_RECOGNITION);
      await page.goto(url);
      await page.waitForSelector("[data-testid=app][data-ready=true]");
      for (const answer of ANSWERS) await say(page, answer);
      await page.waitForSelector("[data-testid=offer-2]");
      await page.click("[data-testid=start-call]");
      await page.waitForSelector("[data-testid=call][data-talking=true]", { timeout: 15_000 });
      await page.evaluate(() => (window as unknown as { __recognition: { emit(t: string, f: boolean): void } }).__recognition.emit("I'll take option two, the", false));
      // From the top, as the caller sees the page (typing scrolled the text box into view).
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, `${name}-4-hands-free.png`) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
