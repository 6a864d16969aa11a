import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], environment: "node" } },
      // Request log lines are shown only for failing tests.
      { test: { name: "api", include: ["test/**/*.test.ts"], environment: "node", silent: "passed-only" } },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          silent: "passed-only",
        },
      },
    ],
  },
});
