/** Bad input, actually sent: to the local server over HTTP (the API handlers behind it, the fake
 * upstream behind them) and to the wasm Agent (loaded in Node). Every case checks the answer (a
 * clear error, or a normal answer where the input is merely odd) and that the server or the
 * conversation carries on afterwards. The cases and their answers are written as a Markdown
 * table to test-results/bad-input.md: the README's Robustness table
 * (`cd www && npx vitest run test/bad-input.test.ts; cat test-results/bad-input.md`). */

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Agent, initSync } from "united-voice";
import { startServer } from "../server.js";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream.js";
import { configure } from "./helpers.js";

let fake: FakeUpstream;
let server: Server;
let port: number;
const SECRET = "top secret outside dist";

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One request exactly as given: the path is not normalized, the body is sent as it is. */
function send(method: string, path: string, headers: Record<string, string | number> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Headers, then part of the declared body, then the connection is cut. */
function cutUpload(path: string, contentType: string, declared: number, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write(Buffer.alloc(sent, 120));
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    socket.on("error", () => resolve());
  });
}

const JSON_TYPE = { "content-type": "application/json" };
const BOUNDARY = "----uvbad";
function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[], close = true): Buffer {
  const pieces: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}`;
    pieces.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`));
    pieces.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    pieces.push(Buffer.from("\r\n"));
  }
  if (close) pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(pieces);
}
const MULTIPART_TYPE = { "content-type": `multipart/form-data; boundary=${BOUNDARY}` };
const clip = (bytes: number) => multipart([{ name: "file", filename: "clip.webm", type: "audio/webm", data: Buffer.alloc(bytes, 7) }]);
const chatBody = (content: string) => JSON.stringify({ messages: [{ role: "user", content }] });

/** The table's rows, in the order the cases ran. */
const rows: string[][] = [];
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** What an API error says: `413 payload_too_large ("The body is over 65536 bytes.")`. */
function describeAnswer(a: Answer): string {
  try {
    const parsed = JSON.parse(a.body) as { error?: { code: string; message: string } };
    if (parsed.error) return `${a.status} \`${parsed.error.code}\`: "${parsed.error.message}"`;
  } catch {
    // not JSON
  }
  if (a.status === 200 && String(a.headers["content-type"]).startsWith("text/html")) return "200, index.html (an app route)";
  if (a.status === 200 && String(a.headers["content-type"]).startsWith("application/json")) return "200, answered";
  if (a.status === 200) return `200 ${a.headers["content-type"]}`;
  return `${a.status}${a.body ? ` "${a.body.slice(0, 40)}"` : ""}`;
}

/** The server answers a plain request normally. */
async function serverCarriesOn(): Promise<string> {
  const health = await send("GET", "/api/health");
  expect(health.status).toBe(200);
  const chat = await send("POST", "/api/chat", JSON_TYPE, chatBody("hello"));
  expect(chat.status).toBe(200);
  return "yes (health and a chat answered next)";
}

/** Send `target` ("METHOD /path") and check the answer; one row of the table. */
async function http(
  input: string,
  target: string,
  headers: Record<string, string | number>,
  body: string | Buffer | undefined,
  status: number | number[],
  code?: string,
): Promise<Answer> {
  const space = target.indexOf(" ");
  const answer = await send(target.slice(0, space), target.slice(space + 1), headers, body);
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `${input}: ${answer.status} ${answer.body.slice(0, 200)}`).toContain(answer.status);
  if (code) expect(JSON.parse(answer.body).error.code).toBe(code);
  expect(answer.body).not.toContain(SECRET);
  rows.push([input, target, describeAnswer(answer), await serverCarriesOn()]);
  return answer;
}

beforeAll(async () => {
  fake = await startFakeUpstream();
  configure(fake, { UPSTREAM_TIMEOUT_MS: "5000" });
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const root = mkdtempSync(join(tmpdir(), "uv-bad-"));
  const dist = join(root, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>United Voice</title>");
  writeFileSync(join(dist, "assets", "app.js"), "console.log('app');");
  writeFileSync(join(root, "secret.txt"), SECRET);
  writeFileSync(join(root, "dist-secret.txt"), SECRET);
  const started = await startServer({ port: 0, host: "127.0.0.1", distDir: dist });
  server = started.server;
  port = Number(new URL(started.url).port);
  initSync({ module: readFileSync(new URL("../../pkg/united_voice_bg.wasm", import.meta.url)) });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await fake.close();
  const table = [
    "| bad input | sent to | answer | carries on |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
  const out = new URL("../test-results/", import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL("bad-input.md", out), `${table}\n`);
});

describe("bad input to the proxy", () => {
  it("audio: empty, missing, oversized, of the wrong type, cut off", async () => {
    await http("empty audio file (0 bytes)", "POST /api/transcribe", MULTIPART_TYPE, clip(0), 400, "bad_request");
    await http("no `file` field", "POST /api/transcribe", MULTIPART_TYPE, multipart([{ name: "other", data: "x" }]), 400, "bad_request");
    const big = clip(11 * 1024 * 1024);
    await http("11 MB recording (Content-Length declared)", "POST /api/transcribe", { ...MULTIPART_TYPE, "content-length": big.length }, big, 413, "payload_too_large");
    await http("11 MB recording, chunked (no Content-Length)", "POST /api/transcribe", { ...MULTIPART_TYPE, "transfer-encoding": "chunked" }, big, 413, "payload_too_large");
    await http("a text file as the recording (text/plain)", "POST /api/transcribe", MULTIPART_TYPE,
      multipart([{ name: "file", filename: "notes.txt", type: "text/plain", data: "hello" }]), 415, "unsupported_media_type");
    await http("audio sent as JSON (wrong Content-Type)", "POST /api/transcribe", JSON_TYPE, '{"file": "AAAA"}', 415, "unsupported_media_type");
    await http("multipart body cut off (no closing boundary, part unfinished)", "POST /api/transcribe", MULTIPART_TYPE,
      multipart([{ name: "file", filename: "clip.webm", type: "audio/webm", data: Buffer.alloc(100, 7) }], false).subarray(0, 120), 400, "bad_request");
    await cutUpload("/api/transcribe", MULTIPART_TYPE["content-type"], 200_000, 1_000);
    rows.push(["connection dropped mid-upload (200 KB declared, 1 KB sent)", "POST /api/transcribe", "(client gone, nothing to answer)", await serverCarriesOn()]);
    // And a real clip still goes through.
    const good = await send("POST", "/api/transcribe", MULTIPART_TYPE, clip(2048));
    expect(JSON.parse(good.body).text).toContain("Chicago");
  });

  it("JSON bodies: not JSON, truncated, wrong type, too long", async () => {
    await http("not JSON (`hello`)", "POST /api/chat", JSON_TYPE, "hello", 400, "bad_request");
    await http("truncated JSON (`{\"messages\": [{\"role\": \"user\", \"content\": \"hi`)", "POST /api/chat", JSON_TYPE,
      '{"messages": [{"role": "user", "content": "hi', 400, "bad_request");
    await http("empty body", "POST /api/chat", JSON_TYPE, "", 400, "bad_request");
    await http("JSON sent as text/plain", "POST /api/chat", { "content-type": "text/plain" }, chatBody("hi"), 415, "unsupported_media_type");
    await http("JSON of the wrong shape (`[1, 2, 3]`)", "POST /api/chat", JSON_TYPE, "[1, 2, 3]", 400, "bad_request");
    await http("a 10,000-character message", "POST /api/chat", JSON_TYPE, chatBody("fly me to denver ".repeat(600).slice(0, 10_000)), 200);
    await http("a 13,000-character message (over the 12,000 cap)", "POST /api/chat", JSON_TYPE, chatBody("x".repeat(13_000)), 413, "payload_too_large");
    await http("a 100 KB body (over the 64 KB cap)", "POST /api/chat", JSON_TYPE, chatBody("y".repeat(100_000)), 413, "payload_too_large");
    await cutUpload("/api/chat", "application/json", 5_000, 100);
    rows.push(["connection dropped mid-body (5 KB declared, 100 B sent)", "POST /api/chat", "(client gone, nothing to answer)", await serverCarriesOn()]);
    await http("unicode and emoji (`Zoë 李小龙 O'Brien 😀✈️ مرحبا`)", "POST /api/tts", JSON_TYPE,
      JSON.stringify({ text: "Thanks, Zoë 李小龙 O'Brien 😀✈️ مرحبا." }), 200);
    await http("speech text of 601 characters", "POST /api/tts", JSON_TYPE, JSON.stringify({ text: "a".repeat(601) }), 413, "payload_too_large");
    await http("speech text that is only spaces", "POST /api/tts", JSON_TYPE, JSON.stringify({ text: "   " }), 400, "bad_request");
    const search = (fields: Record<string, unknown>) => JSON.stringify({
      origin: "SFO", destination: "NYC", departure_date: "2027-01-14", return_date: null, passengers: 1, cabin: "economy", ...fields,
    });
    await http("fares search: an airport code nobody knows (`QQQ`)", "POST /api/flights/search", JSON_TYPE, search({ origin: "QQQ" }), 400, "bad_request");
    await http("fares search: a departure in the past (`2020-01-01`)", "POST /api/flights/search", JSON_TYPE, search({ departure_date: "2020-01-01" }), 400, "bad_request");
    await http("fares search: 10 passengers, `\"cabin\": \"cockpit\"`", "POST /api/flights/search", JSON_TYPE, search({ passengers: 10, cabin: "cockpit" }), 400, "bad_request");
    await http("a lone UTF-16 surrogate in JSON (`\"\\ud800\"`)", "POST /api/tts", JSON_TYPE, '{"text": "\\ud800 hello"}', [200, 400]);
  });

  it("foreign origins and wrong methods", async () => {
    await http("foreign Origin (`https://evil.example`)", "POST /api/chat", { ...JSON_TYPE, origin: "https://evil.example" }, chatBody("hi"), 403, "forbidden_origin");
    await http("foreign Origin, CORS preflight", "OPTIONS /api/tts", { origin: "https://evil.example", "access-control-request-method": "POST" }, undefined, 403, "forbidden_origin");
    await http("`Origin: null` (a sandboxed page)", "POST /api/transcribe", { ...MULTIPART_TYPE, origin: "null" }, clip(1024), 403, "forbidden_origin");
    await http("GET on a POST endpoint", "GET /api/chat", {}, undefined, 405, "method_not_allowed");
    await http("unknown endpoint", "GET /api/keys", {}, undefined, 404, "not_found");
  });

  it("path traversal on the static server, plain and encoded", async () => {
    const traversal: [string, string][] = [
      ["`..` segments", "/../secret.txt"],
      ["`..` under assets", "/assets/../../secret.txt"],
      ["`%2e%2e%2f` (encoded dots and slash)", "/%2e%2e%2fsecret.txt"],
      ["`..%2f` (encoded slash)", "/assets/..%2f..%2fsecret.txt"],
      ["`%2e%2e/` twice to /etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"],
      ["double-encoded `%252e%252e%252f`", "/%252e%252e%252fsecret.txt"],
      ["backslashes `..%5c`", "/..%5c..%5csecret.txt"],
      ["overlong UTF-8 dot `%c0%ae%c0%ae/`", "/%c0%ae%c0%ae/secret.txt"],
      ["a NUL byte `%00`", "/index.html%00.txt"],
      ["a sibling with the same prefix (`../dist-secret.txt`)", "/..%2fdist-secret.txt"],
      ["malformed percent-encoding `%E0%A4%A`", "/%E0%A4%A"],
      ["absolute path `//etc/passwd`", "//etc/passwd"],
    ];
    for (const [what, path] of traversal) {
      const answer = await http(what, `GET ${path}`, {}, undefined, [400, 403, 404, 200]);
      if (answer.status === 200) expect(answer.body).toContain("<title>United Voice</title>");
      expect(answer.body).not.toContain("root:");
    }
  });
});

describe("bad input to the conversation (the wasm Agent)", () => {
  const options = { today: "2026-11-27", seed: 7, tiers: { stt: false, llm: false, tts: false } };

  it("corrupted and foreign snapshots throw an Error saying so; a good one still restores", () => {
    const agent = new Agent(options);
    void agent.respond("Hi, I'm Priya Patel, one way from Chicago to Denver next Friday");
    const good = agent.snapshot();
    const flipped = good.replace('"seed":7', '"seed":"seven"');
    const cases: [string, string][] = [
      ["empty snapshot", ""],
      ["not JSON", "hello"],
      ["JSON of another app (`{}`)", "{}"],
      ["truncated snapshot (first 40 characters)", good.slice(0, 40)],
      ["a field of the wrong type (`\"seed\":\"seven\"`)", flipped],
      ["an unknown format version", good.replace(/"format":"[^"]*"/, '"format":"united-voice/99"')],
      ["an impossible today (`2026-02-30`)", good.replace("2026-11-27", "2026-02-30")],
      ["10,000 nested arrays", "[".repeat(10_000)],
      ["1 MB of a string", `"${"a".repeat(1_000_000)}"`],
    ];
    for (const [what, text] of cases) {
      let message = "";
      try {
        Agent.restore(text, options).free();
      } catch (error) {
        expect(error, what).toBeInstanceOf(Error);
        message = (error as Error).message;
      }
      expect(message, what).toMatch(/^cannot restore the conversation: /);
      const again = Agent.restore(good, options);
      expect(again.state).toBe(agent.state);
      again.free();
      rows.push([what, "`Agent.restore`", `throws Error "${message.length > 90 ? `${message.slice(0, 90)}...` : message}"`, "yes (the good snapshot restores next)"]);
    }
    agent.free();
  });

  it("odd and huge utterances get a turn, and the call goes on to the booking read-back", async () => {
    const agent = new Agent(options);
    const odd: [string, string][] = [
      ["unicode and emoji name", "I'm Zoë 李小龙 O'Brien 😀✈️"],
      ["right-to-left name", "my name is مرحبا سلام"],
      ["zero-width and combining characters", "I\u200b'm Pri\u0301ya\u200d Pa\u0308tel"],
      ["a lone UTF-16 surrogate", "I'm \ud800 Priya"],
      ["a 10,000-character message", "fly me to denver ".repeat(600).slice(0, 10_000)],
      ["100,000 characters without a space", "x".repeat(100_000)],
      ["only punctuation and control characters", "?!... \u0000\u0007\u001b[31m"],
      ["empty text", ""],
    ];
    for (const [what, text] of odd) {
      const started = performance.now();
      const turn = await agent.respond(text);
      const took = performance.now() - started;
      expect(typeof turn.reply, what).toBe("string");
      expect(turn.reply.length, what).toBeGreaterThan(0);
      expect(took, what).toBeLessThan(2_000);
      rows.push([what, "`Agent.respond`", `a turn in ${took < 1 ? "< 1" : took.toFixed(0)} ms: "${turn.reply.length > 70 ? `${turn.reply.slice(0, 70)}...` : turn.reply}"`, "yes (the call reaches the booking read-back next)"]);
    }
    // The call goes on to the read-back before booking (booking itself is an errand to the
    // proxy's store, not part of this test).
    let last = "";
    for (const said of ["start over", "Hi, I'm Priya Patel", "one way from Chicago to Denver", "next Friday", "yes", "economy", "yes", "the first one", "yes", "April 2nd 1988", "female", "priya@example.com"]) {
      last = (await agent.respond(said)).reply;
    }
    expect(agent.state).toBe("confirming_selection");
    expect(last).toMatch(/Here's the booking: United/);
    expect(agent.booking.contact?.email).toBe("priya@example.com");
    agent.free();
  });
});
