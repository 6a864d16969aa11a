import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Request log lines (one per proxied call) are shown only for failing tests.
    silent: "passed-only",
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts", "shared/**/*.test.ts"], environment: "node" } },
      { test: { name: "api", include: ["test/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
