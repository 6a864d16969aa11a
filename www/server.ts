/** Local server: the built app (dist/) plus the same Web handlers Vercel runs, under /api/*.
 * `tsx server.ts` (PORT overrides 3000). Works with no keys: the app then uses its rules tier
 * and the browser's speech synthesis.
 *
 * Static files go out as Vercel sends them: brotli or gzip by Accept-Encoding (the build writes
 * `.br` / `.gz` siblings, see vite.config.ts; other files are compressed once and kept in
 * memory), with Vary: Accept-Encoding and an ETag, so a repeat visit revalidates index.html
 * with a 304 and takes the hashed assets from its cache. */

import { createReadStream, type Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import bookings from "./api/bookings/index.js";
import bookingCancel from "./api/bookings/[locator]/cancel.js";
import booking from "./api/bookings/[locator].js";
import chat from "./api/chat.js";
import flightSearch from "./api/flights/search.js";
import health from "./api/health.js";
import transcribe from "./api/transcribe.js";
import { closeSharedStore, sharedStore } from "./api/_lib/store/index.js";
import tts from "./api/tts.js";

const ROUTES: Record<string, { fetch: (req: Request) => Promise<Response> }> = {
  "/api/chat": chat,
  "/api/flights/search": flightSearch,
  "/api/health": health,
  "/api/transcribe": transcribe,
  "/api/tts": tts,
  "/api/bookings": bookings,
};

/** Vercel's dynamic segments (`[locator]`), matched in order after the exact routes. */
const DYNAMIC_ROUTES: [RegExp, { fetch: (req: Request) => Promise<Response> }][] = [
  [/^\/api\/bookings\/[^/]+$/, booking],
  [/^\/api\/bookings\/[^/]+\/cancel$/, bookingCancel],
];

function apiRoute(pathname: string): { fetch: (req: Request) => Promise<Response> } | undefined {
  return ROUTES[pathname] ?? DYNAMIC_ROUTES.find(([pattern]) => pattern.test(pathname))?.[1];
}

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

/** Types worth compressing (text and wasm; images and audio are compressed already). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".webmanifest"]);
/** Content codings in order of preference, with the file suffix the build writes. */
const ENCODINGS = [
  { name: "br", suffix: ".br", compress: (b: Buffer) => promisify(brotliCompress)(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } }) },
  { name: "gzip", suffix: ".gz", compress: (b: Buffer) => promisify(gzip)(b, { level: 9 }) },
] as const;

/** The codings the client accepts (`br;q=0` refuses br). */
function accepted(header: string | string[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) names.add(name);
  }
  return names;
}

/** Compressed copies of files without a precompressed sibling, by file, version and coding. */
const compressedCache = new Map<string, Promise<Buffer>>();

/** The body for `file` in the best coding the client accepts: a precompressed sibling from the
 * build when it is as new as the file, else compressed once and cached. */
async function representation(file: string, info: Stats, acceptEncoding: string | string[] | undefined): Promise<
  { encoding: string | null; size: number; body: { path: string } | { bytes: Buffer } }
> {
  const identity = { encoding: null, size: info.size, body: { path: file } };
  if (!COMPRESSIBLE.has(extname(file))) return identity;
  const wanted = accepted(acceptEncoding);
  const coding = ENCODINGS.find((e) => wanted.has(e.name));
  if (!coding) return identity;
  const sibling = await stat(file + coding.suffix).catch(() => null);
  if (sibling?.isFile() && sibling.mtimeMs >= info.mtimeMs) {
    return { encoding: coding.name, size: sibling.size, body: { path: file + coding.suffix } };
  }
  const key = `${file}:${info.mtimeMs}:${info.size}:${coding.name}`;
  let pending = compressedCache.get(key);
  if (!pending) {
    pending = readFile(file).then(coding.compress);
    compressedCache.set(key, pending);
    pending.catch(() => compressedCache.delete(key));
  }
  const bytes = await pending;
  return { encoding: coding.name, size: bytes.length, body: { bytes } };
}

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

/** Write a Web Response chunk by chunk (speech streams through as it arrives). A request body
 * the handler gave up reading part-way (refused as too large once over the cap) is still
 * arriving and nobody will read it: the connection cannot carry another request, so it is
 * closed after this answer (left open, a kept-alive client waited on it for minutes). A body
 * never read at all is drained by Node as usual and the connection kept. */
async function sendWebResponse(response: Response, res: ServerResponse, req: IncomingMessage): Promise<void> {
  const headers = Object.fromEntries(response.headers);
  if (req.destroyed && !req.complete) headers.connection = "close";
  res.writeHead(response.status, headers);
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

async function serveStatic(distDir: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  // Dot files are build bookkeeping (dist/.inputs.sha256, see .ci/start.sh), not the app.
  if (path.split(/[/\\]/).some((segment) => segment.startsWith("."))) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
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
  const chosen = await representation(file, info, req.headers["accept-encoding"]);
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${chosen.encoding ? `-${chosen.encoding}` : ""}"`;
  const headers: Record<string, string | number> = {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": cache,
    etag,
    "x-content-type-options": "nosniff",
  };
  if (COMPRESSIBLE.has(extname(file))) headers.vary = "Accept-Encoding";
  if (req.headers["if-none-match"]?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  if (chosen.encoding) headers["content-encoding"] = chosen.encoding;
  headers["content-length"] = chosen.size;
  res.writeHead(200, headers);
  if (req.method === "HEAD") return void res.end();
  if ("bytes" in chosen.body) res.end(chosen.body.bytes);
  else createReadStream(chosen.body.path).pipe(res);
}

export async function startServer(options: ServerOptions = {}): Promise<{ server: Server; url: string }> {
  const distDir = options.distDir ?? fileURLToPath(new URL("./dist", import.meta.url));
  const server = createServer((req, res) => {
    const host = req.headers.host ?? "localhost";
    const url = new URL(req.url ?? "/", `http://${host}`);
    const route = apiRoute(url.pathname);
    const work = route
      ? route.fetch(toWebRequest(req, `http://${host}`)).then((response) => sendWebResponse(response, res, req))
      : url.pathname.startsWith("/api/")
        ? Promise.resolve(void res.writeHead(404, { "content-type": "application/json" })
          .end('{"error":{"code":"not_found","message":"No such endpoint."}}'))
        : serveStatic(distDir, url.pathname, req, res);
    work.catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 3000, options.host ?? "0.0.0.0", () => {
      server.off("error", fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://localhost:${port}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  try {
    const { url } = await startServer({ port });
    console.log(`United Voice on ${url}`);
    // Open the booking store now rather than on the first booking (a first PGlite start takes
    // seconds); a folder locked by another server is reported here, and bookings answer 503.
    void sharedStore().catch(() => undefined);
    // Close the booking store on the way out (PGlite flushes and frees its folder lock).
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => void closeSharedStore().finally(() => process.exit(0)));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") console.error(`port ${port} is in use; set PORT (for example PORT=${port + 1} bash .ci/start.sh)`);
    else if (code === "EACCES") console.error(`port ${port} needs more privileges; set PORT to 1024 or above`);
    else console.error(`the server could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
