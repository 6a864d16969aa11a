/** Versioned SQL migrations (`migrations/NNN_name.sql`), applied in order at start, each once.
 *
 * All pending ones run in one transaction holding an advisory lock, so two instances starting
 * together (serverless scale-out) apply them once and a failing migration leaves nothing half
 * done. `schema_migrations` records what ran. */

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Any constant: the key of the advisory lock migrations take (pg_advisory_xact_lock). */
const MIGRATION_LOCK = 7_315_001;
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const version = Number(FILE_NAME.exec(name)![1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations numbered ${version} in ${dir}`);
    migrations.push({ version, name, sql: await readFile(join(dir, name), "utf8") });
  }
  return migrations;
}

/** Applies the migrations not yet recorded; returns the names applied now (empty when none). */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: string[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      applied.push(migration.name);
    }
    return applied;
  });
}
