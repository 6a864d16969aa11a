/** End-to-end set-up: the built app served by server.ts (in this process), optionally the fake
 * upstream, and the system Chromium driven by playwright-core (never a downloaded browser). */

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer } from "../server.js";

export const WWW = fileURLToPath(new URL("..", import.meta.url));
export const RESULTS = join(WWW, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const BASE_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--autoplay-policy=no-user-gesture-required",
];

export function requireBuild(): void {
  if (!existsSync(join(WWW, "dist", "index.html"))) {
    throw new Error("www/dist is missing: run `npx vite build` first");
  }
  mkdirSync(RESULTS, { recursive: true });
}

export async function serveApp(): Promise<{ url: string; close(): Promise<void> }> {
  // Bookings go to a store of this run's own (never www/.data), one per server: PGlite takes
  // one process per data folder.
  process.env.BOOKINGS_DATA_DIR = mkdtempSync(join(tmpdir(), "uv-e2e-bookings-"));
  // The tests play calls on ?today=2026-11-27: the fares search takes that day as the server's.
  process.env.FARES_TODAY = "2026-11-27";
  const { server, url } = await startServer({ port: 0, host: "127.0.0.1" });
  return { url: url.replace("localhost", "127.0.0.1"), close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function launch(fakeMicWav?: string): Promise<Browser> {
  const args = [...BASE_FLAGS];
  if (fakeMicWav) {
    args.push(
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${fakeMicWav}`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** A WAV of espeak-ng saying `text`, padded with silence (the fake microphone loops the file). */
export function speechWav(text: string, name: string): string {
  const raw = join(RESULTS, `${name}.raw.wav`);
  const out = join(RESULTS, `${name}.wav`);
  execFileSync("espeak-ng", ["-s", "150", "-w", raw, text]);
  execFileSync("sox", [raw, "-r", "48000", "-c", "1", out, "pad", "0.3", "2"]);
  return out;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let the transcript's smooth scroll settle
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** The conversation state the app shows (data-state on the root element). */
export async function agentState(page: Page): Promise<string> {
  return (await page.getAttribute("[data-testid=app]", "data-state")) ?? "";
}

/** Type one utterance and wait for Alex's answer to appear. */
export async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('[data-who="alex"]').count();
  await page.fill("[data-testid=text]", text);
  await page.click("[data-testid=send]");
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-who="alex"]').length > n,
    before,
    { timeout: 15_000 },
  );
}

/** A fake-microphone WAV: silences (seconds) and espeak-ng phrases in order, 48 kHz mono,
 * with 40 s of silence at the end (Chromium loops the file). */
export function micFile(name: string, parts: (number | string)[]): string {
  const pieces: string[] = [];
  parts.forEach((part, i) => {
    const file = join(RESULTS, `${name}-${i}.wav`);
    if (typeof part === "number") {
      execFileSync("sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", file, "trim", "0", String(part)]);
    } else {
      const raw = join(RESULTS, `${name}-${i}.raw.wav`);
      execFileSync("espeak-ng", ["-s", "150", "-w", raw, part]);
      execFileSync("sox", [raw, "-r", "48000", "-c", "1", "-b", "16", file]);
    }
    pieces.push(file);
  });
  const tail = join(RESULTS, `${name}-tail.wav`);
  execFileSync("sox", ["-n", "-r", "48000", "-c", "1", "-b", "16", tail, "trim", "0", "40"]);
  const out = join(RESULTS, `${name}.wav`);
  execFileSync("sox", [...pieces, tail, out]);
  return out;
}

/** A stand-in for the browser's SpeechRecognition that the test drives with
 * `window.__recognition.emit(text, isFinal)`. Plain JavaScript source (not a function): a
 * function's text would carry the transpiler's helpers (tsx adds some) into the page. */
export const FAKE_RECOGNITION = `
class FakeRecognition {
  constructor() {
    this.continuous = false; this.interimResults = false; this.lang = "";
    this.onresult = null; this.onerror = null; this.onend = null; this.started = false;
    window.__recognition = this;
  }
  start() { this.started = true; }
  stop() { this.started = false; }
  abort() { this.started = false; }
  emit(text, isFinal) {
    if (this.onresult) this.onresult({ resultIndex: 0, results: { length: 1, 0: { isFinal, 0: { transcript: text } } } });
  }
}
window.SpeechRecognition = FakeRecognition;
`;
