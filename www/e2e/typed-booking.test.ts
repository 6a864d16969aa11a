/** (1) No keys at all: a whole booking typed in the browser, confirmed on the booking card. */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ELEVEN_KEY, TEST_GROQ_KEY } from "../test/fake-upstream.js";
import { agentState, launch, requireBuild, say, serveApp, shot, WWW } from "./harness.js";

/** What a caller answers in each state (the agent decides the states; we only follow). */
const ANSWERS: Record<string, string> = {
  greeting: "Hello, this is Marcus Johnson",
  collecting_name: "Marcus Johnson",
  collecting_origin: "I'm flying out of Boston",
  collecting_destination: "to Denver",
  collecting_trip_type: "one way",
  collecting_departure_date: "December 15th",
  collecting_return_date: "December 20th",
  collecting_passengers: "just me",
  collecting_cabin: "economy",
  confirming_details: "yes",
  confirming_selection: "yes",
  collecting_birth_date: "March 14th, 1985",
  collecting_gender: "male",
  collecting_contact: "marcus dot johnson at example dot com",
};

let app: { url: string; close(): Promise<void> };
/** The record locator the store gave the booking made in the second test. */
let locator = "";
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuild();
  for (const key of ["GROQ_API_KEY", "ELEVENLABS_API_KEY", "ELEVENLABS_VOICE_ID"]) delete process.env[key];
  app = await serveApp();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("typed booking with no API keys", () => {
  it("greets, shows every tier off and offers typing instead of voice", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await page.waitForSelector('[data-testid=app][data-ready=true]');
    await page.waitForSelector('[data-who="alex"]');
    expect(await page.textContent('[data-who="alex"]')).toMatch(/Alex/);
    expect(await page.getAttribute('[data-tier="stt"]', "data-on")).toBe("false");
    expect(await page.getAttribute('[data-tier="tts"]', "data-on")).toBe("false");
    // Voice needs a recogniser: the browser's own when it has one (Chromium does), else typing.
    const browserEar = await page.evaluate(() => "webkitSpeechRecognition" in window || "SpeechRecognition" in window);
    expect(await page.isVisible("[data-testid=start-call]")).toBe(browserEar);
    expect(await page.isVisible("[data-testid=voice-off]")).toBe(!browserEar);
    expect(await page.textContent("[data-testid=live]")).toMatch(/Alex:/);
    expect(errors).toEqual([]);
    await shot(page, "e2e-1a-greeting");
  });

  it("books a one-way flight end to end by typing, tapping an offer", async () => {
    let tappedOffer = false;
    for (let step = 0; step < 30; step++) {
      const state = await agentState(page);
      if (state === "booking_complete") break;
      if (state === "presenting_options") {
        await page.waitForSelector("[data-testid=offer-1]");
        if (!tappedOffer) await shot(page, "e2e-1b-offers");
        const before = await page.locator('[data-who="alex"]').count();
        await page.click("[data-testid=offer-1]");
        await page.waitForFunction((n) => document.querySelectorAll('[data-who="alex"]').length > n, before);
        tappedOffer = true;
        continue;
      }
      const answer = ANSWERS[state];
      expect(answer, `no scripted answer for state ${state}`).toBeDefined();
      await say(page, answer!);
      if (state === "collecting_departure_date") await shot(page, "e2e-1c-card-filling");
    }
    expect(await agentState(page)).toBe("booking_complete");
    expect(tappedOffer).toBe(true);
    await page.waitForSelector("[data-testid=booking-confirmed]");
    const card = await page.textContent("[data-testid=booking-card]");
    expect(card).toContain("Marcus Johnson");
    expect(card).toContain("BOS");
    expect(card).toContain("DEN");
    expect(card).toContain("Tue, Dec 15, 2026");
    expect(card).toContain("Economy");
    expect(await page.isVisible("[data-testid=slot-flight]")).toBe(true);
    // The locator came from the booking store: on the card, read out, and found there by code
    // and last name (the manage-trip lookup), but not with another last name.
    locator = (await page.textContent("[data-testid=locator]"))?.trim() ?? "";
    expect(locator).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const lastReply = await page.locator('[data-who="alex"]').last().textContent();
    expect(lastReply).toContain(`Your confirmation code is ${locator[0]}`);
    const found = await fetch(`${app.url}/api/bookings/${locator}?last_name=johnson`);
    expect(found.status).toBe(200);
    const stored = (await found.json()) as { booking: { travellers: { born_on: string }[]; contact: { email: string } } };
    expect(stored.booking.travellers[0]?.born_on).toBe("1985-03-14");
    expect(stored.booking.contact.email).toBe("marcus.johnson@example.com");
    expect((await fetch(`${app.url}/api/bookings/${locator}?last_name=smith`)).status).toBe(404);
    // The caller's typed lines are in the transcript too.
    expect(await page.locator('[data-who="caller"]').count()).toBeGreaterThanOrEqual(7);
    await shot(page, "e2e-1d-confirmed");
  });

  it("resumes the booking after a reload, and starts over on New booking", async () => {
    await page.reload();
    await page.waitForSelector('[data-testid=app][data-ready=true]');
    await page.waitForSelector("[data-testid=booking-confirmed]");
    expect(await agentState(page)).toBe("booking_complete");
    expect(await page.locator('[data-who="caller"]').count()).toBeGreaterThanOrEqual(7);
    await shot(page, "e2e-1e-after-reload");
    // Asked after the reload, Alex reads the code again.
    await say(page, "sorry, what's my confirmation number?");
    expect(await page.locator('[data-who="alex"]').last().textContent()).toContain(`Your confirmation code is ${locator[0]}`);
    await page.click("[data-testid=new-booking]");
    await page.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length === 0);
    // A new call looks the booking up by code and last name, typed as a caller would say it.
    await say(page, `hi, I want to check my booking ${locator.split("").join(" ")}`);
    expect(await page.locator('[data-who="alex"]').last().textContent()).toContain("last name");
    await say(page, "Johnson");
    expect(await page.locator('[data-who="alex"]').last().textContent()).toContain("I found it");
    await page.waitForSelector("[data-testid=locator]");
    // And on the manage-trip form.
    await page.click("[data-testid=manage-trip] summary");
    await page.fill("[data-testid=manage-locator]", locator.toLowerCase());
    await page.fill("[data-testid=manage-last-name]", "JOHNSON");
    await page.click("[data-testid=manage-find]");
    await page.waitForSelector("[data-testid=manage-booking][data-status=confirmed]");
    expect(await page.textContent("[data-testid=manage-booking]")).toContain("Marcus Johnson");
    await page.fill("[data-testid=manage-last-name]", "Jonson");
    await page.click("[data-testid=manage-find]");
    await page.waitForSelector("[data-testid=manage-error]");
    await shot(page, "e2e-1g-manage-trip");
    await page.click("[data-testid=new-booking]");
    await page.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length === 0);
    expect(await page.isVisible("[data-testid=booking-confirmed]")).toBe(false);
    expect(await page.textContent("[data-testid=slot-name]")).not.toContain("Marcus");
  });

  it("works on a phone-sized screen with the keyboard alone", async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await phone.goto(`${app.url}/?today=2026-11-27&seed=11`);
    await phone.waitForSelector('[data-testid=app][data-ready=true]');
    // Tab reaches the text box; Enter sends.
    for (let i = 0; i < 10; i++) {
      await phone.keyboard.press("Tab");
      if (await phone.evaluate(() => document.activeElement?.id === "say")) break;
    }
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe("say");
    await phone.keyboard.type("Hello, this is Marcus Johnson");
    await phone.keyboard.press("Enter");
    await phone.waitForFunction(() => document.querySelectorAll('[data-who="caller"]').length === 1);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, "e2e-1f-phone");
    await phone.close();
  });

  it("ships no API key in the browser bundle", () => {
    const files = readdirSync(join(WWW, "dist"), { recursive: true, encoding: "utf8" });
    const texts = files.filter((f) => /\.(js|html|css|json|map)$/.test(f)).map((f) => readFileSync(join(WWW, "dist", f), "utf8"));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(text).not.toContain(TEST_GROQ_KEY);
      expect(text).not.toContain(TEST_ELEVEN_KEY);
    }
  });
});
