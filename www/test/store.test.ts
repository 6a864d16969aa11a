/** The booking store's machinery: the PGlite folder lock, migrations, where the store opens
 * from the environment, and the local server's routes to the bookings endpoints. */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpError } from "../api/_lib/errors.js";
import { closeSharedStore, openStore, storeTarget } from "../api/_lib/store/index.js";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "../api/_lib/store/lock.js";
import { loadMigrations, migrate } from "../api/_lib/store/migrate.js";
import { startServer } from "../server.js";
import { BACKENDS } from "./store-backends.js";

/** A pid that surely runs no process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("the PGlite folder lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "uv-lock-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is exclusive, holds the pid, and is gone once released", () => {
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it("refuses a lock held by a live process, naming the folder and the pid", () => {
    const parent = process.ppid; // runs for as long as this test does
    writeFileSync(join(dir, LOCK_FILE), `${parent}\n`);
    try {
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`${dir}.*in use by process ${parent}`));
    } finally {
      rmSync(join(dir, LOCK_FILE));
    }
  });

  it("takes over a stale lock whose process is gone", () => {
    const dead = deadPid();
    expect(dead).toBeGreaterThan(0);
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("keeps a second store from opening the same data folder", async () => {
    const dataDir = join(dir, "db");
    const first = await openStore({ kind: "pglite", dataDir });
    try {
      await expect(openStore({ kind: "pglite", dataDir })).rejects.toThrow(DataDirLockedError);
    } finally {
      await first.close();
    }
    const again = await openStore({ kind: "pglite", dataDir });
    await again.close();
  }, 60_000);
});

describe("where the store opens", () => {
  it("follows DATABASE_URL, VERCEL and BOOKINGS_DATA_DIR", () => {
    expect(storeTarget({ DATABASE_URL: "postgres://u@h/db" })).toEqual({ kind: "postgres", url: "postgres://u@h/db" });
    expect(storeTarget({ DATABASE_URL: "postgres://u@h/db", VERCEL: "1" })).toEqual({ kind: "neon", url: "postgres://u@h/db" });
    expect(storeTarget({ BOOKINGS_DATA_DIR: "/tmp/uv-x" })).toEqual({ kind: "pglite", dataDir: "/tmp/uv-x" });
    expect(storeTarget({})).toEqual({ kind: "pglite", dataDir: expect.stringMatching(/www\/\.data\/bookings$/) });
    // Vercel functions keep no disk: PGlite there would lose bookings.
    expect(() => storeTarget({ VERCEL: "1" })).toThrow(HttpError);
  });
});

describe.each(BACKENDS)("migrations on $name", (backend) => {
  it("apply once, in one transaction, and a failing one leaves nothing behind", async () => {
    const { target, drop } = await backend.create();
    const store = await openStore(target);
    try {
      const applied = await store.db.query<{ version: number; name: string }>("SELECT version, name FROM schema_migrations ORDER BY version");
      expect(applied.rows).toEqual((await loadMigrations()).map((m) => ({ version: m.version, name: m.name })));
      expect(await migrate(store.db)).toEqual([]);
      const broken = [
        ...(await loadMigrations()),
        { version: 900, name: "900_good.sql", sql: "CREATE TABLE migration_probe (id int);" },
        { version: 901, name: "901_bad.sql", sql: "ALTER TABLE no_such_table ADD COLUMN x int;" },
      ];
      await expect(migrate(store.db, broken)).rejects.toThrow();
      const probe = await store.db.query("SELECT to_regclass('migration_probe') AS t");
      expect(probe.rows).toEqual([{ t: null }]);
      const versions = await store.db.query<{ n: string }>("SELECT count(*) AS n FROM schema_migrations WHERE version >= 900");
      expect(Number(versions.rows[0]!.n)).toBe(0);
    } finally {
      await store.close();
      await drop();
    }
  }, 60_000);
});

describe("the local server", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "uv-server-"));
  let url = "";
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    process.env.BOOKINGS_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    process.env.LOOKUP_RATE_LIMIT_BURST = "1000";
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const started = await startServer({ port: 0, host: "127.0.0.1", distDir: dataDir });
    url = started.url;
    close = () => new Promise((resolve) => started.server.close(() => resolve()));
  });
  afterAll(async () => {
    await close();
    await closeSharedStore();
    delete process.env.BOOKINGS_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("routes /api/bookings/{locator} and /api/bookings/{locator}/cancel to the bookings handlers", async () => {
    const lookup = await fetch(`${url}/api/bookings/ZZZZZZ?last_name=Whitfield`);
    expect(lookup.status).toBe(404);
    expect(await lookup.json()).toEqual({ error: { code: "not_found", message: "No booking matches that code and last name." } });
    const cancel = await fetch(`${url}/api/bookings/ZZZZZZ/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ last_name: "Whitfield" }),
    });
    expect(cancel.status).toBe(404);
    expect((await cancel.json()).error.message).toBe("No booking matches that code and last name.");
    const create = await fetch(`${url}/api/bookings`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(create.status).toBe(400);
    const deeper = await fetch(`${url}/api/bookings/ZZZZZZ/cancel/more`);
    expect((await deeper.json()).error.message).toBe("No such endpoint.");
  }, 60_000);
});
