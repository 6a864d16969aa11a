/** QueuedSpeech driven by the real wasm AudioQueue (loaded in Node with initSync): the
 * orchestration and the queue agree on ordering, barge-in and supersession. */

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { AudioQueue, initSync } from "united-voice";
import { QueuedSpeech, type SpeechIo } from "./queued-speech";

beforeAll(() => {
  initSync({ module: readFileSync(new URL("../../../pkg/united_voice_bg.wasm", import.meta.url)) });
});

function harness() {
  let now = 1_000;
  const fetches: { text: string; resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void; signal: AbortSignal }[] = [];
  const played: { audio: string; end: () => void; stopped: boolean }[] = [];
  const io: SpeechIo<string> = {
    fetchSegment: (text, _p, _n, signal) => new Promise((resolve, reject) => void fetches.push({ text, resolve, reject, signal })),
    decode: async (bytes) => new TextDecoder().decode(bytes),
    play(audio, onEnded) {
      const entry = { audio, end: onEnded, stopped: false };
      played.push(entry);
      return () => void (entry.stopped = true);
    },
    now: () => (now += 10),
  };
  return { io, fetches, played };
}

const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("QueuedSpeech with the wasm AudioQueue", () => {
  it("plays segments in order whatever order they arrive in", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["One.", "Two.", "Three."]);
    expect(speech.speaking).toBe(true);
    fetches[2]!.resolve(bytes("three"));
    fetches[1]!.resolve(bytes("two"));
    await flush();
    expect(played).toHaveLength(0);
    fetches[0]!.resolve(bytes("one"));
    await flush();
    played[0]!.end();
    played[1]!.end();
    expect(played.map((p) => p.audio)).toEqual(["one", "two", "three"]);
    played[2]!.end();
    expect(speech.speaking).toBe(false);
    speech.bargeIn();
  });

  it("barge-in stops playback and nothing of that turn plays afterwards", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["First.", "Second."]);
    fetches[0]!.resolve(bytes("first"));
    await flush();
    expect(played).toHaveLength(1);
    speech.bargeIn();
    expect(played[0]!.stopped).toBe(true);
    fetches[1]!.resolve(bytes("second"));
    await flush();
    expect(played).toHaveLength(1);
    expect(speech.speaking).toBe(false);
  });

  it("a new turn supersedes the one still speaking", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["Old one.", "Old two."]);
    fetches[0]!.resolve(bytes("old1"));
    await flush();
    speech.speak(["New."]);
    expect(played[0]!.stopped).toBe(true);
    fetches[1]!.resolve(bytes("old2"));
    fetches[2]!.resolve(bytes("new"));
    await flush();
    expect(played.map((p) => p.audio)).toEqual(["old1", "new"]);
    speech.bargeIn();
  });

  it("skips a failed segment and goes on", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["A.", "B."]);
    fetches[0]!.reject(new Error("tts 502"));
    fetches[1]!.resolve(bytes("b"));
    await flush();
    expect(played.map((p) => p.audio)).toEqual(["b"]);
    speech.bargeIn();
  });
});
