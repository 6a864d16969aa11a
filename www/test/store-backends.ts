/** The databases the booking store's tests run on: PGlite in a temporary folder always, and a
 * real PostgreSQL server when TEST_DATABASE_URL is set (`.ci/test-www.sh` starts one with
 * `.ci/postgres.sh`). Each suite gets a database of its own, dropped at the end. */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { StoreTarget } from "../api/_lib/store/index.js";

export interface Backend {
  name: "pglite" | "postgres";
  /** A fresh, empty place for a store; `drop` removes it. */
  create(): Promise<{ target: StoreTarget; drop: () => Promise<void> }>;
}

const pglite: Backend = {
  name: "pglite",
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), "uv-bookings-"));
    return { target: { kind: "pglite", dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
  },
};

function postgres(adminUrl: string): Backend {
  return {
    name: "postgres",
    async create() {
      const name = `uv_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        target: { kind: "postgres", url: url.toString() },
        async drop() {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || null;

export const BACKENDS: Backend[] = [pglite, ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : [])];

if (!TEST_DATABASE_URL) {
  console.warn("bookings tests: TEST_DATABASE_URL is not set, so they run on PGlite only (bash .ci/postgres.sh start prints one)");
}
