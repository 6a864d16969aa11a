/** The wasm agent in headless Chromium through its JS API (the npm package in ../pkg, served
 * by a bare local server; no app around it): fetching and compiling the module, instantiating
 * it, the place tables' warm-up, the time of a turn (median of many, rules tier: every service
 * off, as with no keys; the search turn asks the real fares search handler, which answers with
 * the core's sample fares as without a Duffel token), and memory after 1,000 turns (100 calls of
 * 10 turns to the booking read-back, each agent freed after its call).
 *
 * `tsx scripts/bench-wasm.ts [bookings]` (default 100). Needs pkg/ and /usr/bin/chromium. */

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import flightSearch from "../api/flights/search.js";
import { bytes, median, ms, quietApiLog, row } from "./bench-rows.js";

const PKG = fileURLToPath(new URL("../../pkg/", import.meta.url));
const BOOKINGS = Number(process.argv[2] ?? 100);
/** Cross-origin isolated, so performance.now() has 5 µs resolution, not 100 µs. */
const ISOLATED = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
const TYPES: Record<string, string> = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

/** One call in the page (strings: they run in the browser, not in Node): a booking up to the
 * read-back before it is placed (placing it is an errand to the proxy's store, not the core). */
const BOOKING = [
  "Hi, I'm Priya Patel",
  "one way from Chicago to Denver",
  "December 4th",
  "economy",
  "yes",
  "the first one",
  "yes",
  "April 2nd 1988",
  "female",
  "priya@example.com",
];
/** The turn that searches and reads the offers out (the first "yes"). */
const SEARCH_TURN = 4;

interface PageFigures {
  longTurns: number;
  early: number[];
  late: number[];
  longSnapshotChars: number;
  longRestoreMs: number;
  wasmAfterLong: number;
  fetchMs: number;
  compileMs: number;
  instantiateMs: number;
  warmUpMs: number;
  firstTurnMs: number;
  turnMs: number[];
  oneBreathMs: number[];
  searchMs: number[];
  confirmed: number;
  wasmBefore: number;
  wasmAfter: number;
  heapBefore: number;
  heapAfter: number;
  snapshotChars: number;
}

/** One request to the fares search handler (Web Request in, Web Response out). */
async function answerSearch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  headers.set("x-real-ip", "127.0.0.1");
  const response = await flightSearch.fetch(new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
  }));
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...ISOLATED });
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function main(): Promise<void> {
  quietApiLog();
  // The agent's fares errand (the search turn) goes to the real search handler: the core's
  // sample fares on the server, as with no Duffel token. Its day is the calls' day.
  process.env.FARES_TODAY = "2026-11-27";
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/api/flights/search") {
      void answerSearch(req, res);
      return;
    }
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html", ...ISOLATED }).end("<!doctype html><title>bench</title>");
      return;
    }
    const file = normalize(join(PKG, path.replace(/^\/pkg\//, "")));
    if (!path.startsWith("/pkg/") || !file.startsWith(PKG)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store", ...ISOLATED }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
  });
  // tsx (esbuild) names functions with a `__name` helper that the page lacks.
  const context = await browser.newContext();
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  try {
    // A cold compile each time: a fresh page (and no-store) per measurement.
    const cold: { init: number; warmUp: number; firstTurn: number; isolated: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      await page.goto(base + "/");
      cold.push(await page.evaluate(async () => {
        const t0 = performance.now();
        const mod = await import("/pkg/united_voice.js" as string);
        await mod.default();
        const t1 = performance.now();
        mod.warmUp();
        const t2 = performance.now();
        const agent = new mod.Agent({ today: "2026-11-27", seed: 7, tiers: { stt: false, llm: false, tts: false } });
        await agent.respond("Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd");
        const t3 = performance.now();
        return { init: t1 - t0, warmUp: t2 - t1, firstTurn: t3 - t2, isolated: crossOriginIsolated };
      }));
      await page.close();
    }
    console.log(`fresh pages (init / warmUp / first turn, ms): ${cold.map((c) => `${c.init.toFixed(0)}/${c.warmUp.toFixed(0)}/${c.firstTurn.toFixed(1)}`).join(", ")}; cross-origin isolated: ${cold[0]?.isolated}`);
    const page = await context.newPage();
    await page.goto(base + "/");
    const figures: PageFigures = await page.evaluate(async ({ booking, bookings, searchTurn }) => {
      const now = () => performance.now();
      const mod = await import("/pkg/united_voice.js" as string);
      const t0 = now();
      const wasmBytes = await (await fetch("/pkg/united_voice_bg.wasm")).arrayBuffer();
      const t1 = now();
      const module = await WebAssembly.compile(wasmBytes);
      const t2 = now();
      const exports = await mod.default({ module_or_path: module });
      const t3 = now();
      mod.warmUp();
      const t4 = now();
      const memory = exports.memory as WebAssembly.Memory;
      const gc = (globalThis as unknown as { gc?: () => void }).gc ?? (() => undefined);
      const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      const options = { today: "2026-11-27", seed: 7, tiers: { stt: false, llm: false, tts: false } };

      // The first turn after warm-up (not counted in the medians).
      const first = new mod.Agent(options);
      const t5 = now();
      await first.respond("Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd");
      const firstTurnMs = now() - t5;
      first.free();
      gc();
      const wasmBefore = memory.buffer.byteLength;
      const heapBefore = heap();

      const turnMs: number[] = [];
      const oneBreathMs: number[] = [];
      const searchMs: number[] = [];
      let confirmed = 0;
      let snapshotChars = 0;
      for (let b = 0; b < bookings; b++) {
        const agent = new mod.Agent({ ...options, seed: b });
        for (const [i, said] of booking.entries()) {
          const started = now();
          await agent.respond(said);
          const took = now() - started;
          turnMs.push(took);
          if (i === searchTurn) searchMs.push(took);
        }
        if (agent.state === "confirming_selection") confirmed++;
        snapshotChars = agent.snapshot().length;
        agent.free();
        // The one-breath request on a fresh agent.
        const fresh = new mod.Agent({ ...options, seed: b });
        const started = now();
        await fresh.respond("Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd");
        oneBreathMs.push(now() - started);
        fresh.free();
      }
      gc();
      const wasmAfter = memory.buffer.byteLength;
      const heapAfter = heap();

      // One call of 1,000 turns (a caller who keeps starting over): its journal grows with
      // every turn, and a turn replays nothing, so the 1,000th turn should cost what the 10th did.
      const long = new mod.Agent(options);
      const early: number[] = [];
      const late: number[] = [];
      for (let i = 0; i < bookings * booking.length; i++) {
        const said = i % (booking.length + 1) === booking.length ? "start over" : booking[i % (booking.length + 1)]!;
        const started = now();
        await long.respond(said);
        const took = now() - started;
        if (i < 100) early.push(took);
        if (i >= bookings * booking.length - 100) late.push(took);
      }
      const longSnapshot = long.snapshot();
      const restoreStarted = now();
      mod.Agent.restore(longSnapshot, options).free();
      const longRestoreMs = now() - restoreStarted;
      long.free();
      return {
        longTurns: bookings * booking.length,
        early,
        late,
        longSnapshotChars: longSnapshot.length,
        longRestoreMs,
        wasmAfterLong: memory.buffer.byteLength,
        fetchMs: t1 - t0,
        compileMs: t2 - t1,
        instantiateMs: t3 - t2,
        warmUpMs: t4 - t3,
        firstTurnMs,
        turnMs,
        oneBreathMs,
        searchMs,
        confirmed,
        wasmBefore,
        wasmAfter,
        heapBefore,
        heapAfter,
        snapshotChars,
      };
    }, { booking: BOOKING, bookings: BOOKINGS, searchTurn: SEARCH_TURN });
    const version = browser.version();
    console.log(`Chromium ${version}; ${figures.turnMs.length} turns in ${BOOKINGS} calls (${figures.confirmed} at the booking read-back)`);
    if (figures.confirmed !== BOOKINGS) {
      console.error(`only ${figures.confirmed} of ${BOOKINGS} calls reached the booking read-back: the script no longer books`);
      process.exitCode = 1;
    }
    row("wasm in Chromium: JS glue import + wasm fetch + compile + instantiate (`init()`, streaming; fresh page, median of 5)", ms(median(cold.map((c) => c.init))));
    row("wasm in Chromium: compile / instantiate (from bytes in memory)", `${ms(figures.compileMs)} / ${ms(figures.instantiateMs)}`);
    row("wasm in Chromium: `warmUp()` (the place tables; fresh page, median of 5)", ms(median(cold.map((c) => c.warmUp))));
    row("wasm in Chromium: the first turn after warm-up (one-breath request; fresh page, median of 5)", ms(median(cold.map((c) => c.firstTurn))));
    row(`wasm in Chromium: a turn, median of ${figures.turnMs.length} (${BOOKINGS} calls to the booking read-back, rules tier)`, ms(median(figures.turnMs)));
    row("wasm in Chromium: one-breath request / \"yes\" at the summary (the fares search through the handler on loopback + read-out), medians", `${ms(median(figures.oneBreathMs))} / ${ms(median(figures.searchMs))}`);
    row(`wasm in Chromium: memory before / after ${figures.turnMs.length} turns (wasm linear memory; JS heap after GC)`,
      `${bytes(figures.wasmBefore)} -> ${bytes(figures.wasmAfter)}; ${bytes(figures.heapBefore)} -> ${bytes(figures.heapAfter)}`);
    const median100 = (v: number[]) => ms(median(v));
    row(`wasm in Chromium: one call of ${figures.longTurns} turns (the booking over and over, "start over" between): median turn, first 100 / last 100`,
      `${median100(figures.early)} / ${median100(figures.late)}`);
    row(`wasm in Chromium: that call's snapshot / restoring it (replays ${figures.longTurns} turns) / wasm memory after`,
      `${(figures.longSnapshotChars / 1024).toFixed(0)} KiB / ${ms(figures.longRestoreMs)} / ${bytes(figures.wasmAfterLong)}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
