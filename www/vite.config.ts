import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Writes `.br` (quality 11) and `.gz` (level 9) next to every text and wasm file of the build,
 * so the local server (server.ts) sends them compressed as Vercel does, without compressing
 * on each start. Vercel compresses on its own and ignores these. */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "united-voice:precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const name of readdirSync(outDir, { recursive: true, encoding: "utf8" })) {
        if (!/\.(html|m?js|css|json|wasm|svg|txt|webmanifest)$/.test(name)) continue;
        const file = join(outDir, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/** Preact's React compatibility layer in place of React: the same components and hooks, about
 * 55 KB less JavaScript to download (gzip; measured with .ci/size-report.sh page). The app
 * is typed against React's types; only the bundle uses Preact. */
const PREACT = [
  { find: /^react$/, replacement: "preact/compat" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
];

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: { alias: PREACT },
  // The wasm package lives in ../pkg (file: dependency).
  server: { fs: { allow: [".."] }, proxy: { "/api": "http://localhost:3000" } },
  build: { outDir: "dist", target: "es2022", sourcemap: false },
});
