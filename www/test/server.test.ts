/** The local server: static files, the same handlers under /api/*, streaming passed through,
 * and client IPs taken from the socket (not from headers a client can forge). */

import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { request } from "node:http";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

beforeAll(async () => {
  fake = await startFakeUpstream();
  const dist = mkdtempSync(join(tmpdir(), "uv-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>United Voice</title>");
  writeFileSync(join(dist, "assets", "app.js"), "console.log('app')");
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
