/** The page as users receive it: loads the built app (dist/) from the local server in headless
 * Chromium, lists every response of a first visit, and prints each one's size raw, gzip -9 and
 * brotli 11 (what Vercel and server.ts send), then a repeat visit: what is fetched again rather
 * than taken from the browser cache. `tsx scripts/page-size.ts [--json FILE]`.
 * Sizes are of the bodies; "wire" is what Chromium counted on the connection (body as sent,
 * plus headers). */

import { writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startServer } from "../server.js";
import { row } from "./bench-rows.js";

interface Row {
  path: string;
  type: string;
  raw: number;
  gzip: number;
  brotli: number;
  wire: number;
  encoding: string;
  cache: string;
}

const PAGE = "/?today=2026-11-27&seed=11";
const sizes = (bytes: Buffer) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});

/** One visit: every response with its status, coding, cache use and bytes on the wire. */
async function visit(page: import("playwright-core").Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const seen = new Map<string, { url: string; status: number; encoding: string; cached: boolean; wire: number; type: string; cacheControl: string }>();
  // Events about a request can come before its response: note them by request id.
  const fromCache = new Set<string>();
  const wireStatus = new Map<string, number>();
  cdp.on("Network.requestServedFromCache", (e) => void fromCache.add(e.requestId));
  cdp.on("Network.responseReceivedExtraInfo", (e) => void wireStatus.set(e.requestId, e.statusCode));
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.url.startsWith("data:")) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    seen.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      encoding: headers["content-encoding"] ?? "",
      cached: !!(e.response.fromDiskCache || e.response.fromPrefetchCache),
      wire: 0,
      type: e.type,
      cacheControl: headers["cache-control"] ?? "",
    });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = seen.get(e.requestId);
    if (r) r.wire = e.encodedDataLength;
  });
  await page.goto(url);
  await page.waitForSelector("[data-testid=app][data-ready=true]");
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return [...seen.entries()].map(([id, r]) => ({
    ...r,
    cached: r.cached || fromCache.has(id),
    status: wireStatus.get(id) ?? r.status,
  }));
}

async function main(): Promise<void> {
  // The API handlers log one line per request: not part of this report.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^[A-Z]+ \/api\//.test(String(args[0]))) log(...args);
  };
  const { server, url } = await startServer({ port: 0, host: "127.0.0.1" });
  const base = url.replace("localhost", "127.0.0.1");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const first = await visit(page, base + PAGE);
    const rows: Row[] = [];
    for (const r of first) {
      const path = r.url.slice(base.length) || "/";
      const body = Buffer.from(await (await fetch(r.url, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
      rows.push({ path, type: r.type, ...sizes(body), wire: r.wire, encoding: r.encoding || "none", cache: r.cacheControl });
    }
    // A repeat visit in the same browser: a new navigation, as when the caller comes back.
    const again = await visit(page, base + PAGE);
    const repeat = again.map((r) => ({
      path: r.url.slice(base.length) || "/",
      status: r.status,
      cached: r.cached,
      wire: r.cached ? 0 : r.wire,
      cache: r.cacheControl,
    }));

    const pad = (v: string | number, n: number) => String(v).padStart(n);
    const short = (p: string) => (p.length > 42 ? `${p.slice(0, 39)}...` : p);
    console.log(`page, first visit (${PAGE}): every response, body bytes`);
    console.log(`${"asset".padEnd(42)} ${pad("raw", 9)} ${pad("gzip-9", 9)} ${pad("brotli", 9)} ${pad("wire", 9)}  sent as`);
    for (const r of rows) {
      console.log(`${short(r.path).padEnd(42)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)} ${pad(r.wire, 9)}  ${r.encoding}`);
    }
    const total = (k: "raw" | "gzip" | "brotli" | "wire") => rows.reduce((s, r) => s + r[k], 0);
    console.log(`${"total".padEnd(42)} ${pad(total("raw"), 9)} ${pad(total("gzip"), 9)} ${pad(total("brotli"), 9)} ${pad(total("wire"), 9)}`);
    console.log("page, repeat visit: fetched again (the rest comes from the browser cache)");
    for (const r of repeat.filter((x) => !x.cached)) {
      const how = r.status === 304 ? "304, revalidated" : `${r.status}`;
      console.log(`${short(r.path).padEnd(42)} ${how.padEnd(17)} ${pad(r.wire, 6)} bytes on the wire  (${r.cache})`);
    }
    const repeatWire = repeat.reduce((s, r) => s + r.wire, 0);
    console.log(`${"total".padEnd(42)} ${repeatWire} bytes on the wire; ${repeat.filter((x) => x.cached).length} of ${repeat.length} responses from cache`);
    // The rows .ci/bench.sh gathers into its table (it sets BENCH_ROWS=1).
    const rowIf = (what: string, figure: string) => void (process.env.BENCH_ROWS === "1" && row(what, figure));
    const n = (v: number) => v.toLocaleString("en-US");
    rowIf("page, first visit: raw / gzip -9 / brotli (body bytes, every response)", `${n(total("raw"))} / ${n(total("gzip"))} / ${n(total("brotli"))} bytes`);
    rowIf("page, first visit as served to Chromium (brotli, with headers)", `${n(total("wire"))} bytes`);
    rowIf("page, repeat visit (index.html revalidated, the rest from the cache)", `${n(repeatWire)} bytes on the wire, ${repeat.filter((x) => x.cached).length} of ${repeat.length} responses from cache`);
    // The budget is the whole first visit as the browser received it (bytes on the wire,
    // compressed as served: brotli where accepted, as Vercel does): what a caller waits for
    // before Alex can answer. gzip and brotli totals are printed above for comparison.
    const budget = Number(process.env.PAGE_BUDGET ?? 286_000);
    const firstWire = total("wire");
    if (firstWire <= budget) {
      console.log(`page: first visit ${firstWire} bytes as served, within the budget of ${budget}, ${budget - firstWire} to spare`);
    } else {
      console.log(`page: first visit ${firstWire} bytes as served, OVER the budget of ${budget} by ${firstWire - budget}`);
      if (process.env.SIZE_STRICT !== "0") process.exitCode = 1;
    }
    const out = process.argv.indexOf("--json");
    if (out > 0 && process.argv[out + 1]) {
      writeFileSync(process.argv[out + 1]!, JSON.stringify({ first: rows, repeat }, null, 2));
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

await main();
