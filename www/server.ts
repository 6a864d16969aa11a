/** Local server: the built app (dist/) plus the same Web handlers Vercel runs, under /api/*.
 * `tsx server.ts` (PORT overrides 3000). Works with no keys: the app then uses its rules tier
 * and the browser's speech synthesis. */

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import chat from "./api/chat.js";
import health from "./api/health.js";
import transcribe from "./api/transcribe.js";
import tts from "./api/tts.js";

const ROUTES: Record<string, { fetch: (req: Request) => Promise<Response> }> = {
  "/api/chat": chat,
  "/api/health": health,
  "/api/transcribe": transcribe,
  "/api/tts": tts,
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

export interface ServerOptions {
  port?: number;
  host?: string;
  distDir?: string;
}

function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // The rate limiter keys on the client IP: take it from the socket, not from what a client
  // claims (as Vercel does), unless we sit behind a trusted proxy.
  if (process.env.TRUST_PROXY !== "1") {
    headers.delete("x-forwarded-for");
    headers.set("x-real-ip", req.socket.remoteAddress ?? "unknown");
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

/** Write a Web Response chunk by chunk (speech streams through as it arrives). */
async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    // upstream stream failed mid-way: end what we have
  }
  res.end();
}

async function serveStatic(distDir: string, pathname: string, res: ServerResponse): Promise<void> {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const root = resolve(distDir);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // Single-page app: unknown paths get index.html (assets 404 for real).
    if (extname(path) && !info) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    file = join(root, "index.html");
    info = await stat(file).catch(() => null);
    if (!info) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" })
        .end("The app is not built yet: run `npm run build` in www/ (or bash .ci/start.sh).");
      return;
    }
  }
  const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": cache,
    "x-content-type-options": "nosniff",
  });
  createReadStream(file).pipe(res);
}

export async function startServer(options: ServerOptions = {}): Promise<{ server: Server; url: string }> {
  const distDir = options.distDir ?? fileURLToPath(new URL("./dist", import.meta.url));
  const server = createServer((req, res) => {
    const host = req.headers.host ?? "localhost";
    const url = new URL(req.url ?? "/", `http://${host}`);
    const route = ROUTES[url.pathname];
    const work = route
      ? route.fetch(toWebRequest(req, `http://${host}`)).then((response) => sendWebResponse(response, res))
      : url.pathname.startsWith("/api/")
        ? Promise.resolve(void res.writeHead(404, { "content-type": "application/json" })
          .end('{"error":{"code":"not_found","message":"No such endpoint."}}'))
        : serveStatic(distDir, url.pathname, res);
    work.catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 3000, options.host ?? "0.0.0.0", ok));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://localhost:${port}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startServer({ port: Number(process.env.PORT ?? 3000) });
  console.log(`United Voice on ${url}`);
}
