import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // The wasm package lives in ../pkg (file: dependency).
  server: { fs: { allow: [".."] }, proxy: { "/api": "http://localhost:3000" } },
  build: { outDir: "dist", target: "es2022", sourcemap: false },
});
