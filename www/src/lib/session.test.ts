import { describe, expect, it } from "vitest";
import { clearSession, loadSession, saveSession, SESSION_KEY } from "./session";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe("session storage", () => {
  it("round-trips a snapshot, the transcript and the last turn", () => {
    const storage = memoryStorage();
    const session = {
      snapshot: '{"format":"united-voice/1"}',
      transcript: [{ id: 1, who: "alex" as const, text: "Hi" }, { id: 2, who: "caller" as const, text: "Ana" }],
      lastTurn: { state: "collecting_origin" },
    };
    saveSession(storage, session);
    expect(loadSession(storage)).toEqual(session);
    clearSession(storage);
    expect(loadSession(storage)).toBeNull();
  });

  it("drops corrupted or foreign entries instead of trusting them", () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_KEY, "{not json");
    expect(loadSession(storage)).toBeNull();
    expect(storage.map.has(SESSION_KEY)).toBe(false);
    storage.setItem(SESSION_KEY, JSON.stringify({ snapshot: 5, transcript: [] }));
    expect(loadSession(storage)).toBeNull();
    storage.setItem(SESSION_KEY, JSON.stringify({ snapshot: "s", transcript: [{ id: 1, who: "hacker", text: "x" }] }));
    expect(loadSession(storage)).toBeNull();
  });

  it("survives a storage that throws", () => {
    const broken = {
      getItem: () => { throw new Error("denied"); },
      setItem: () => { throw new Error("full"); },
      removeItem: () => { throw new Error("denied"); },
    };
    expect(() => saveSession(broken, { snapshot: "s", transcript: [], lastTurn: null })).not.toThrow();
    expect(loadSession(broken)).toBeNull();
  });
});
