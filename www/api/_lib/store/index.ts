/** Opening the booking store where the environment says:
 *
 * - `DATABASE_URL` set: that PostgreSQL server, through Neon's serverless Pool on Vercel (env
 *   `VERCEL`) and node-postgres elsewhere;
 * - otherwise embedded PGlite in `BOOKINGS_DATA_DIR` (default `www/.data/bookings`), so a local
 *   start needs nothing installed. Vercel functions keep no disk: there PGlite is refused.
 *
 * Migrations run on every open (they are recorded, so only new ones apply). */

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError } from "../errors.js";
import { BookingStore, type BookingStoreOptions } from "./bookings.js";
import { openNeon, openPglite, openPostgres, type Db } from "./db.js";
import { DataDirLockedError, lockDataDir } from "./lock.js";
import { migrate } from "./migrate.js";

export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data/bookings", import.meta.url));

export type StoreTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string }
  | { kind: "neon"; url: string };

type Env = Record<string, string | undefined>;

/** Where bookings live, from the environment (no connection made). */
export function storeTarget(env: Env = process.env): StoreTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return env.VERCEL ? { kind: "neon", url } : { kind: "postgres", url };
  if (env.VERCEL) {
    throw new HttpError("not_configured", "Bookings need a database (DATABASE_URL) on this server.");
  }
  return { kind: "pglite", dataDir: resolve(env.BOOKINGS_DATA_DIR?.trim() || DEFAULT_DATA_DIR) };
}

/** Opens (and migrates) the store at `target`. A PGlite folder is locked to this process until
 * `close()`. */
export async function openStore(target: StoreTarget, options: BookingStoreOptions = {}): Promise<BookingStore> {
  if (target.kind !== "pglite") {
    const db = target.kind === "neon" ? await openNeon(target.url) : await openPostgres(target.url);
    return migrated(db, options);
  }
  mkdirSync(target.dataDir, { recursive: true });
  const lock = lockDataDir(target.dataDir);
  let db: Db;
  try {
    db = await openPglite(target.dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  return migrated(db, { ...options, onClose: () => (lock.release(), options.onClose?.()) });
}

async function migrated(db: Db, options: BookingStoreOptions): Promise<BookingStore> {
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    options.onClose?.();
    throw error;
  }
  return new BookingStore(db, options);
}

let shared: Promise<BookingStore> | null = null;

/** The process's store, opened on first use from the environment. A failed open is not kept,
 * so the next request tries again; the reason goes to the server log (a lock names the other
 * process; a connection failure only its error code, since messages may carry the URL). */
export function sharedStore(): Promise<BookingStore> {
  if (!shared) {
    const opening = Promise.resolve()
      .then(() => openStore(storeTarget()))
      .catch((error: unknown) => {
        shared = null;
        if (error instanceof HttpError) throw error;
        if (error instanceof DataDirLockedError) {
          console.error(`bookings: ${error.message}`);
          throw new HttpError("not_configured", "The booking store is in use by another server process.");
        }
        console.error(`bookings: the store could not open (${(error as { code?: string }).code ?? (error as Error).name})`);
        throw new HttpError("not_configured", "The booking store is unavailable right now.");
      });
    shared = opening;
  }
  return shared;
}

/** Closes the process's store (tests, shutdown). */
export async function closeSharedStore(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) await (await current.catch(() => null))?.close();
}
