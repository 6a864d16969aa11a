/** Reload-safe sessions: the agent's snapshot and the transcript in sessionStorage. A
 * corrupted or foreign entry is dropped, never trusted. */

export interface TranscriptEntry {
  id: number;
  who: "caller" | "alex";
  text: string;
}

export interface SavedSession {
  snapshot: string;
  transcript: TranscriptEntry[];
  /** The last turn as JSON (booking card and offers), so the screen comes back as it was. */
  lastTurn: unknown;
}

export const SESSION_KEY = "united-voice/session/v1";
const MAX_ENTRIES = 400;

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function saveSession(storage: StorageLike, session: SavedSession): void {
  try {
    const trimmed = { ...session, transcript: session.transcript.slice(-MAX_ENTRIES) };
    storage.setItem(SESSION_KEY, JSON.stringify(trimmed));
  } catch {
    // storage full or disabled: the session just won't survive a reload
  }
}

function isEntry(value: unknown): value is TranscriptEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === "number" && (e.who === "caller" || e.who === "alex") && typeof e.text === "string";
}

export function loadSession(storage: StorageLike): SavedSession | null {
  let raw: string | null;
  try {
    raw = storage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (typeof value.snapshot !== "string" || !Array.isArray(value.transcript)) throw new Error("shape");
    if (!value.transcript.every(isEntry)) throw new Error("entries");
    return { snapshot: value.snapshot, transcript: value.transcript, lastTurn: value.lastTurn ?? null };
  } catch {
    clearSession(storage);
    return null;
  }
}

export function clearSession(storage: StorageLike): void {
  try {
    storage.removeItem(SESSION_KEY);
  } catch {
    // ignore
  }
}
