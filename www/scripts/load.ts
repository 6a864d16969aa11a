/** The proxy under load on loopback: server.ts (the built app plus the API handlers) in its own
 * Node process, the fake upstream in another (answering at once: what is measured is our
 * proxy), and autocannon driving one scenario at a time for a bounded time. Per scenario:
 * requests per second, p50 / p99 latency, responses by status (an unexpected status or a
 * socket error fails the run: only the scenarios that mean to hit the rate limit may see
 * 429s) and the server's resident memory before and after.
 *
 *   tsx scripts/load.ts [seconds per scenario (30)] [scenario name filter]
 *
 * Adding an endpoint is one line in SCENARIOS. Needs www/dist (vite build). */

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { TEST_ELEVEN_KEY, TEST_GROQ_KEY, TEST_VOICE_ID } from "../test/fake-upstream.js";
import { row } from "./bench-rows.js";

const WWW = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.argv[2] ?? process.env.LOAD_SECONDS ?? 30);
const FILTER = process.argv[3] ?? "";
const CONNECTIONS = 10;

export interface Scenario {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Statuses that are right for this scenario; anything else is a failure. */
  expect: number[];
  /** Environment for this scenario's server (a server is started per distinct environment). */
  env?: Record<string, string>;
  /** Work before the run against that server (e.g. a search whose sealed offer the run books);
   * what it returns replaces the scenario's fields, `setupRequest` changes each request. */
  prepare?: (url: string) => Promise<Partial<Pick<Scenario, "body" | "path">> & {
    setupRequest?: (request: autocannon.Request) => autocannon.Request;
  }>;
}

const json = (value: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(value) });

/** A small recording as the app uploads it (multipart, field `file`, audio/webm). */
function multipartClip(bytes = 4096): { headers: Record<string, string>; body: Buffer } {
  const boundary = "----uvload7d1f";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.webm"\r\nContent-Type: audio/webm;codecs=opus\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.alloc(bytes, 7), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body };
}

/** The app's own requests, as it sends them. */
const CHAT = json({
  model: "llama-3.3-70b-versatile",
  messages: [
    { role: "system", content: "You read one caller utterance for a flight booking and answer JSON." },
    { role: "user", content: "hmm honestly whatever lets me sleep the whole way over there" },
  ],
  max_tokens: 300,
  response_format: { type: "json_object" },
});

/** A fares search as the agent sends it (no Duffel token here: the core's sample fares, sealed;
 * identical searches come from the 5-minute cache). FARES_TODAY pins the server's day. */
const TODAY = "2026-12-06";
const SEARCH = json({
  origin: "SFO", destination: "NYC", departure_date: "2027-01-14", return_date: null,
  passengers: 1, cabin: "economy", today: TODAY, seed: 12345,
});

/** Bookings of one sealed sample offer (searched first on the same server: the seal's secret
 * is the server's), each request with its own idempotency key: a new row in the store each. */
async function prepareBookings(url: string) {
  const found = await fetch(`${url}/api/flights/search`, { method: "POST", ...SEARCH });
  const offer = ((await found.json()) as { offers: unknown[] }).offers[0];
  if (!offer) throw new Error("the fares search found no offer to book");
  let n = 0;
  const run = Date.now().toString(36);
  return {
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      body: JSON.stringify({
        idempotency_key: `load-${run}-${String(++n).padStart(8, "0")}`,
        offer,
        travellers: [{ given_name: "Dana", family_name: "Whitfield", born_on: "1988-04-02", gender: "f" }],
        contact: { email: "dana@example.com" },
      }),
    }),
  };
}

/** Look-ups of one stored booking (booked first on the same server): the read path a caller
 * asking about their trip takes. */
async function prepareLookup(url: string) {
  const bookOne = (await prepareBookings(url)).setupRequest({} as autocannon.Request);
  const made = await fetch(`${url}/api/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bookOne.body as string,
  });
  const locator = ((await made.json()) as { booking?: { locator?: string } }).booking?.locator;
  if (!locator) throw new Error(`the booking to look up was not made (${made.status})`);
  return { path: `/api/bookings/${locator}?last_name=Whitfield` };
}

/** The default limits (20 burst, 60 a minute per client): one client over them gets 429s. */
const DEFAULT_LIMITS = { RATE_LIMIT_BURST: "20", RATE_LIMIT_PER_MINUTE: "60" };

function wasmAsset(): string {
  const html = readFileSync(new URL("../dist/index.html", import.meta.url), "utf8");
  const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!js) throw new Error("no script in dist/index.html: build the app first (npx vite build)");
  return js;
}

const ON_EMBEDDED_STORE: Scenario[] = [
  { name: "GET /api/health", method: "GET", path: "/api/health", expect: [200] },
  { name: "POST /api/chat", method: "POST", path: "/api/chat", ...CHAT, expect: [200] },
  { name: "POST /api/transcribe (4 KB clip)", method: "POST", path: "/api/transcribe", ...multipartClip(), expect: [200] },
  { name: "POST /api/tts (streamed, 5 chunks)", method: "POST", path: "/api/tts", ...json({ text: "Leaving Friday, December 18th, is that right?" }), expect: [200] },
  { name: "GET / (static, brotli)", method: "GET", path: "/", headers: { "accept-encoding": "br, gzip" }, expect: [200] },
  { name: "GET the app's JS (static, brotli)", method: "GET", path: "@app-js", headers: { "accept-encoding": "br, gzip" }, expect: [200] },
  { name: "POST /api/flights/search (sample fares, cached)", method: "POST", path: "/api/flights/search", ...SEARCH, expect: [200] },
  { name: "POST /api/bookings on PGlite (sample fare, a new booking each)", method: "POST", path: "/api/bookings", headers: { "content-type": "application/json" }, expect: [200], prepare: prepareBookings },
  { name: "GET /api/bookings/{locator} on PGlite (found)", method: "GET", path: "/api/bookings", expect: [200], prepare: prepareLookup },
  { name: "GET /api/bookings/{locator} on PGlite (not found)", method: "GET", path: "/api/bookings/K7QX2M?last_name=Whitfield", expect: [404] },
  { name: "POST /api/chat over the rate limit", method: "POST", path: "/api/chat", ...CHAT, expect: [200, 429], env: DEFAULT_LIMITS },
];

/** The booking scenarios again with the store on a PostgreSQL server (node-postgres, as a
 * server with `DATABASE_URL` uses), when LOAD_DATABASE_URL names one (`bash .ci/bench.sh load`
 * starts a throwaway one with .ci/postgres.sh). */
function onPostgres(scenarios: Scenario[], url: string | undefined): Scenario[] {
  if (!url) return [];
  return scenarios
    .filter((s) => s.path.startsWith("/api/bookings"))
    .map((s) => ({ ...s, name: s.name.replace(" on PGlite", " on PostgreSQL"), env: { ...s.env, DATABASE_URL: url } }));
}

export const SCENARIOS: Scenario[] = [
  ...ON_EMBEDDED_STORE,
  ...onPostgres(ON_EMBEDDED_STORE, process.env.LOAD_DATABASE_URL?.trim()),
];

interface Proc {
  child: ChildProcess;
  url: string;
}

/** Start `node --import tsx <script>` and wait for the line that names its URL. */
function start(script: string, args: string[], env: Record<string, string>, pattern: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: WWW,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        // From here on, the output (one log line per request) is read and dropped.
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve({ child, url: match[1]!.replace("localhost", "127.0.0.1") });
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it listened: ${seen}`)));
  });
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function stop(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once("exit", r));
  proc.child.kill("SIGTERM");
  await exited;
}

async function main(): Promise<void> {
  const appJs = wasmAsset();
  const fake = await start("test/fake-upstream.ts", ["0"], {
    FAKE_RECORD: "0",
    FAKE_TTS_CHUNKS: "5",
    FAKE_TTS_CHUNK_DELAY_MS: "0",
  }, /fake upstream .* on (http:\/\/\S+)/);
  const baseEnv = {
    PORT: "0",
    GROQ_API_KEY: TEST_GROQ_KEY,
    ELEVENLABS_API_KEY: TEST_ELEVEN_KEY,
    ELEVENLABS_VOICE_ID: TEST_VOICE_ID,
    GROQ_BASE_URL: fake.url,
    ELEVENLABS_BASE_URL: fake.url,
    UPSTREAM_TIMEOUT_MS: "10000",
    RATE_LIMIT_BURST: "1000000000",
    RATE_LIMIT_PER_MINUTE: "1000000000",
    LOOKUP_RATE_LIMIT_BURST: "1000000000",
    LOOKUP_RATE_LIMIT_PER_MINUTE: "1000000000",
    FARES_TODAY: TODAY,
  };
  let failed = false;
  const servers = new Map<string, Proc>();
  const dataDirs: string[] = [];
  const lines: string[] = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => s.name.includes(FILTER))) {
      const env = { ...baseEnv, ...scenario.env };
      const key = JSON.stringify(env);
      let server = servers.get(key);
      if (!server) {
        // Each server its own booking store (embedded PGlite in a fresh folder).
        const dataDir = mkdtempSync(join(tmpdir(), "uv-load-store-"));
        dataDirs.push(dataDir);
        server = await start("server.ts", [], { ...env, BOOKINGS_DATA_DIR: dataDir }, /United Voice on (http:\/\/\S+)/);
        servers.set(key, server);
        // The server opens its booking store (embedded PGlite) in the background at start: wait
        // for it (a look-up answers once it is open), so no scenario measures the start.
        const opened = await fetch(`${server.url}/api/bookings/AAAAAA?last_name=Start`);
        await opened.arrayBuffer();
        console.log(`server started, booking store open (${opened.status}); RSS ${mib(rssBytes(server.child.pid!))}`);
      }
      const prepared = scenario.prepare ? await scenario.prepare(server.url) : {};
      const pid = server.child.pid!;
      const before = rssBytes(pid);
      const path = prepared.path ?? (scenario.path === "@app-js" ? appJs : scenario.path);
      const result = await autocannon({
        url: server.url + path,
        method: scenario.method,
        headers: scenario.headers,
        body: prepared.body ?? scenario.body,
        ...(prepared.setupRequest ? { requests: [{ setupRequest: prepared.setupRequest }] } : {}),
        connections: CONNECTIONS,
        duration: SECONDS,
      });
      const after = rssBytes(pid);
      const byStatus = (result.statusCodeStats ?? {}) as Record<string, { count?: number }>;
      const statuses = Object.entries(byStatus)
        .map(([status, { count }]) => `${status}: ${count ?? 0}`)
        .join(", ");
      const unexpected = Object.keys(byStatus).filter((s) => !scenario.expect.includes(Number(s)));
      const bad = unexpected.length > 0 || result.errors > 0 || result.timeouts > 0;
      failed ||= bad;
      const line = `${scenario.name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${statuses}; socket errors ${result.errors}, timeouts ${result.timeouts}; RSS ${mib(before)} -> ${mib(after)}${bad ? "  UNEXPECTED" : ""}`;
      console.log(line);
      lines.push(line);
      row(`load, ${scenario.name}: req/s, p50 / p99 latency, responses by status, server memory (RSS) before -> after`,
        `${Math.round(result.requests.average)} req/s, ${result.latency.p50} / ${result.latency.p99} ms; ${statuses}; errors ${result.errors}; ${mib(before)} -> ${mib(after)}`);
    }
  } finally {
    for (const server of servers.values()) await stop(server);
    await stop(fake);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${CONNECTIONS} connections, ${SECONDS} s per scenario, loopback, ${process.version}`);
  if (failed) {
    console.error("load: a scenario saw a status it should not, or socket errors");
    process.exitCode = 1;
  }
}

await main();
