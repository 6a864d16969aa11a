/** One process per PGlite data folder. PGlite is PostgreSQL in wasm without the postmaster's
 * own lock, and two processes writing one folder corrupt it, so the store takes an exclusive
 * lock file first: created with O_EXCL, holding the owner's pid. A lock whose pid is no longer
 * running (a crash, a kill -9) is stale and taken over; a live one is refused with an error that
 * names the folder and the pid. */

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export const LOCK_FILE = "united-voice.lock";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `the bookings data folder ${dataDir} is in use by process ${pid}; stop that process or set ` +
        `BOOKINGS_DATA_DIR to another folder (if no such process runs, delete ${join(dataDir, LOCK_FILE)})`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Creates `path` holding our pid; false when it exists. */
function createExclusive(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfHeldBy(path: string, pid: number | null): void {
  if (readPid(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Takes the lock on `dataDir` (which must exist) or throws DataDirLockedError. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  // Taking over a stale lock is itself guarded by an O_EXCL file, so two processes finding the
  // same stale lock cannot both remove it (the second would remove the first one's new lock).
  const takeoverPath = `${path}.takeover`;
  const attempts = 10;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (createExclusive(path)) return held(path);
    const owner = readPid(path);
    if (owner !== null && isRunning(owner)) throw new DataDirLockedError(dataDir, owner);
    // No pid yet: its creator may be between creating and writing it. Only a lock that stays
    // empty is taken for a crash at that moment.
    if (owner === null && attempt < attempts / 2) {
      pause(20);
      continue;
    }
    if (!createExclusive(takeoverPath)) {
      const taker = readPid(takeoverPath);
      if (taker === null || isRunning(taker)) pause(20);
      else removeIfHeldBy(takeoverPath, taker);
      continue;
    }
    try {
      // Still the stale lock we looked at (or a half-written one): remove it.
      removeIfHeldBy(path, owner);
    } finally {
      removeIfHeldBy(takeoverPath, process.pid);
    }
  }
  const owner = readPid(path);
  throw new DataDirLockedError(dataDir, owner ?? 0);
}

/** Opening a store is rare and short: a synchronous pause keeps the lock code simple. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function held(path: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    removeIfHeldBy(path, process.pid);
  };
  // A normal exit (or process.exit) leaves no lock behind; a crash leaves a stale one.
  process.on("exit", release);
  return { path, release };
}
