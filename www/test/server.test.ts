/** The local server: static files, the same handlers under /api/*, streaming passed through,
 * and client IPs taken from the socket (not from headers a client can forge). */

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { request } from "node:http";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startServer } from "../server.js";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream.js";
import { configure } from "./helpers.js";

let fake: FakeUpstream;
let server: Server;
let base: string;

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** The raw bytes of a response, still encoded. */
function bytes(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const APP_JS = "console.log('app');\n".repeat(200);

beforeAll(async () => {
  fake = await startFakeUpstream();
  const dist = mkdtempSync(join(tmpdir(), "uv-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>United Voice</title>");
  writeFileSync(join(dist, ".inputs.sha256"), "build bookkeeping");
  writeFileSync(join(dist, "assets", "app.js"), APP_JS);
  writeFileSync(join(dist, "assets", "agent.wasm"), Buffer.alloc(4096, 7));
  // A build's precompressed sibling is sent as it is (its text differs here, to tell).
  writeFileSync(join(dist, "assets", "pre.css"), "body { color: red }");
  writeFileSync(join(dist, "assets", "pre.css.br"), brotliCompressSync("/* precompressed */"));
  const started = await startServer({ port: 0, host: "127.0.0.1", distDir: dist });
  server = started.server;
  base = started.url.replace("localhost", "127.0.0.1");
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await fake.close();
});

beforeEach(() => {
  configure(fake);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("local server", () => {
  it("serves the app, its assets, and index.html for app routes", async () => {
    const index = await raw("/");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toContain("text/html");
    const asset = await raw("/assets/app.js");
    expect(asset.headers["content-type"]).toContain("text/javascript");
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect((await raw("/booking/123")).body).toContain("United Voice");
    expect((await raw("/assets/missing.js")).status).toBe(404);
  });

  it("sends text and wasm compressed by Accept-Encoding: brotli first, then gzip", async () => {
    const br = await bytes("/assets/app.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toContain("Accept-Encoding");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(APP_JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(APP_JS);
    const gz = await bytes("/assets/app.js", { "accept-encoding": "gzip, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(APP_JS);
    const plain = await bytes("/assets/app.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
    const wasm = await bytes("/assets/agent.wasm", { "accept-encoding": "br" });
    expect(wasm.headers["content-type"]).toBe("application/wasm");
    expect(brotliDecompressSync(wasm.body)).toEqual(Buffer.alloc(4096, 7));
    const index = await bytes("/", { "accept-encoding": "gzip" });
    expect(gunzipSync(index.body).toString()).toContain("United Voice");
  });

  it("sends the build's precompressed file when there is one", async () => {
    const pre = await bytes("/assets/pre.css", { "accept-encoding": "br" });
    expect(brotliDecompressSync(pre.body).toString()).toBe("/* precompressed */");
    expect((await bytes("/assets/pre.css")).body.toString()).toBe("body { color: red }");
  });

  it("answers a repeat visit's revalidation of index.html with 304", async () => {
    const first = await bytes("/", { "accept-encoding": "br" });
    expect(first.headers["cache-control"]).toBe("no-cache");
    const again = await bytes("/", { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("says which port is busy instead of a stack trace", async () => {
    const port = new URL(base).port;
    const www = fileURLToPath(new URL("..", import.meta.url));
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(join(www, "node_modules", ".bin", "tsx"), ["server.ts"], { cwd: www, env: { ...process.env, PORT: port } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(`port ${port} is in use; set PORT (for example PORT=${Number(port) + 1} bash .ci/start.sh)`);
    expect(result.output).not.toContain("EADDRINUSE");
  });

  it("does not serve dot files (build bookkeeping)", async () => {
    const res = await raw("/.inputs.sha256");
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("bookkeeping");
  });

  it("never serves files outside dist", async () => {
    for (const path of ["/..%2fpackage.json", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fserver.ts"]) {
      const res = await raw(path);
      expect(res.body).not.toContain("united-voice-www");
      expect(res.body).not.toContain("root:");
      expect(res.body).not.toContain("startServer");
    }
  });

  it("mounts the handlers under /api and 404s unknown endpoints as JSON", async () => {
    const health = await raw("/api/health");
    expect(JSON.parse(health.body)).toEqual({ stt: true, llm: true, tts: true });
    const unknown = await raw("/api/keys");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe("not_found");
    const foreign = await raw("/api/chat", { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: "{}" });
    expect(foreign.status).toBe(403);
  });

  it("says every tier is off when no key is set", async () => {
    configure(fake, { GROQ_API_KEY: undefined, ELEVENLABS_API_KEY: undefined, ELEVENLABS_VOICE_ID: undefined });
    expect(JSON.parse((await raw("/api/health")).body)).toEqual({ stt: false, llm: false, tts: false });
  });

  it("streams speech through without buffering it", async () => {
    configure(fake, { UPSTREAM_TIMEOUT_MS: "5000" });
    fake.ttsChunks = 6;
    fake.ttsChunkDelayMs = 80;
    const response = await fetch(`${base}/api/tts`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ text: "Hello there." }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(fake.ttsFinishedAt).toBeNull();
    while (!(await reader.read()).done) { /* drain */ }
    expect(fake.ttsFinishedAt).not.toBeNull();
  });

  it("closes a connection whose body it gave up reading part-way, so a kept-alive client is not stuck", async () => {
    // 11 MB chunked (no Content-Length): refused after 10 MB read, the rest still on its way.
    const boundary = "----uvbig";
    const big = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.webm"\r\nContent-Type: audio/webm\r\n\r\n`),
      Buffer.alloc(11 * 1024 * 1024, 7),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const refused = await new Promise<{ status: number; connection: unknown }>((resolve, reject) => {
      const req = request(`${base}/api/transcribe`, {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
      }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on("error", reject);
      req.end(big);
    });
    expect(refused).toEqual({ status: 413, connection: "close" });
    // The next request on the same (kept-alive) agent is answered.
    const next = await Promise.race([raw("/api/health"), new Promise<null>((r) => setTimeout(() => r(null), 3_000))]);
    expect(next?.status).toBe(200);
    // A body read to its end, or refused before any of it was read, keeps the connection.
    const chat = await raw("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }) });
    expect(chat.status).toBe(200);
    expect(chat.headers.connection).not.toBe("close");
    const wrongType = await raw("/api/chat", { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.connection).not.toBe("close");
  });

  it("rate-limits by the socket address, ignoring a forged x-forwarded-for", async () => {
    configure(fake, { RATE_LIMIT_BURST: "2", RATE_LIMIT_PER_MINUTE: "1" });
    const send = (ip: string) => raw("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
    });
    expect((await send("1.1.1.1")).status).toBe(200);
    expect((await send("2.2.2.2")).status).toBe(200);
    const third = await send("3.3.3.3");
    expect(third.status).toBe(429);
    expect(third.headers["retry-after"]).toBeDefined();
  });
});
