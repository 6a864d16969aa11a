// A stand-in for the proxy, for the wasm browser tests (tests/wasm_proxy.rs): answers
// POST /<mode>/api/chat and /<mode>/api/transcribe with canned JSON, with CORS so the test page
// (served by wasm-bindgen-test on another port) may call it. No dependencies.
//
// Modes: ok (chat echoes the last message; transcribe returns a fixed sentence), echo
// (transcribe says what file it got), empty (transcribe returns blank text), slow (answers
// after 3 s), 500, 429, 404, bad (200 with a body that is not the expected JSON), and
// flaky-<key> (the first request for each key gets a 503, later ones are answered as ok), and
// model (chat answers like the model would for "... the name is gonna be ann lee").
//
// Usage: node .ci/wasm-test-server.mjs [port]   (default 8788, loopback only)
import http from "node:http";

const port = Number(process.argv[2] || 8788);
const HEARD = "I would like to fly from Chicago to Denver";
const seenFlaky = new Set();

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    ...headers,
  });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** The `file` part of a multipart body: its filename, content type and size. */
function filePart(req, body) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers["content-type"] || "");
  if (!boundary) return null;
  const text = body.toString("latin1");
  const delimiter = "--" + (boundary[1] || boundary[2]);
  for (const part of text.split(delimiter)) {
    const head = /Content-Disposition: form-data; name="([^"]*)"(?:; filename="([^"]*)")?/i.exec(part);
    if (!head || head[1] !== "file") continue;
    const type = /Content-Type: ([^\r\n]+)/i.exec(part);
    const start = part.indexOf("\r\n\r\n") + 4;
    const end = part.lastIndexOf("\r\n");
    return { filename: head[2] || "", type: type ? type[1] : "", size: end - start };
  }
  return null;
}

const server = http.createServer((req, res) => {
  if (req.method === "OPTIONS") return send(res, 204, "");
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const match = /^\/([\w-]+)\/api\/(chat|transcribe)$/.exec(req.url || "");
    if (req.method !== "POST" || !match) {
      return send(res, 404, { error: { code: "not_found", message: "no such route" } });
    }
    let [, mode, route] = match;
    if (mode.startsWith("flaky-")) {
      const first = !seenFlaky.has(mode);
      seenFlaky.add(mode);
      mode = first ? "503" : "ok";
    }
    const answer = () => {
      if (mode === "500" || mode === "503") {
        return send(res, Number(mode), { error: { code: "upstream", message: "boom" } });
      }
      if (mode === "429") {
        return send(res, 429, { error: { code: "rate_limited", message: "slow down" } }, { "Retry-After": "2" });
      }
      if (mode === "404") return send(res, 404, { error: { code: "not_found", message: "nope" } });
      if (mode === "bad") return send(res, 200, "this is not json");
      if (route === "chat") {
        let request;
        try {
          request = JSON.parse(body.toString("utf8"));
        } catch {
          return send(res, 400, { error: { code: "bad_request", message: "body is not JSON" } });
        }
        const messages = Array.isArray(request.messages) ? request.messages : [];
        const last = messages.length ? messages[messages.length - 1].content : "";
        if ((mode === "polish" || mode === "polish_bad") && last.startsWith("Reword this JSON reply.")) {
          // Reply polish: a faithful rewording, or (polish_bad) one that loses the facts.
          const template = JSON.parse(last.slice(last.indexOf("\n") + 1)).reply;
          const reply = mode === "polish" ? "Alright. " + template : "Hello there, how are you?";
          return send(res, 200, { content: JSON.stringify({ reply }), model: "fake-model" });
        }
        if (mode === "model") {
          const answer = { intent: "provide_info", confidence: 0.9, entities: { name: "Ann Lee" } };
          return send(res, 200, { content: JSON.stringify(answer), model: "fake-model" });
        }
        return send(res, 200, { content: "echo: " + last, model: "fake-model" });
      }
      const file = filePart(req, body);
      if (!file) return send(res, 400, { error: { code: "bad_request", message: "no file field" } });
      if (mode === "empty") return send(res, 200, { text: "   " });
      if (mode === "echo") {
        return send(res, 200, { text: `heard ${file.filename} (${file.size} bytes, ${file.type})` });
      }
      return send(res, 200, { text: HEARD });
    };
    if (mode === "slow") setTimeout(() => send(res, 200, route === "chat" ? { content: "late" } : { text: HEARD }), 3000);
    else answer();
  });
});

server.listen(port, "127.0.0.1", () => console.log(`wasm test server on http://127.0.0.1:${port}`));
