import { describe, expect, it } from "vitest";
import type { Action, AudioQueueLike, QueueStatus } from "../agent/types";
import { QueuedSpeech, type SpeechIo } from "./queued-speech";

/** Test double of the wasm AudioQueue (the real one is tested in Rust): plays segments in
 * order as they become ready, stops on barge-in. Enough to check that QueuedSpeech carries
 * out actions faithfully. */
class InOrderQueue implements AudioQueueLike {
  turn = 0; count = 0; next = 0; playing = false; ready = new Set<number>(); log: string[] = [];
  beginTurn(turn: number, segments: number): Action[] {
    const stop: Action[] = this.playing ? [{ action: "stop", turn: this.turn, seq: this.next }] : [];
    Object.assign(this, { turn, count: segments, next: 0, playing: false, ready: new Set() });
    return stop;
  }
  segmentReady(turn: number, seq: number): Action[] {
    if (turn !== this.turn) return [{ action: "discard", turn, seq }];
    this.ready.add(seq);
    return this.advance();
  }
  segmentFailed(turn: number, seq: number): Action[] {
    if (turn === this.turn && seq === this.next && !this.playing) { this.next++; return this.advance(); }
    return [];
  }
  playbackEnded(turn: number, seq: number): Action[] {
    if (turn !== this.turn || seq !== this.next) return [];
    this.playing = false; this.next++;
    return this.advance();
  }
  bargeIn(): Action[] {
    const out: Action[] = this.playing ? [{ action: "stop", turn: this.turn, seq: this.next }] : [];
    this.playing = false; this.next = this.count;
    return out;
  }
  tick(): Action[] { return []; }
  status(): QueueStatus {
    if (this.next >= this.count) return { status: "idle" };
    return { status: this.playing ? "speaking" : "waiting", turn: this.turn, seq: this.next };
  }
  private advance(): Action[] {
    if (!this.playing && this.ready.has(this.next)) { this.playing = true; return [{ action: "play", turn: this.turn, seq: this.next }]; }
    return [];
  }
}

function fakeIo() {
  const fetches: { text: string; previous: string; next: string; signal: AbortSignal; resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void }[] = [];
  const played: { audio: string; end: () => void; stopped: boolean }[] = [];
  const io: SpeechIo<string> = {
    fetchSegment: (text, previous, next, signal) => new Promise((resolve, reject) => void fetches.push({ text, previous, next, signal, resolve, reject })),
    decode: async (bytes) => new TextDecoder().decode(bytes),
    play(audio, onEnded) {
      const entry = { audio, end: onEnded, stopped: false };
      played.push(entry);
      return () => { entry.stopped = true; };
    },
    now: () => 0,
  };
  return { io, fetches, played };
}

const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("QueuedSpeech", () => {
  it("fetches every segment at once with its neighbours and plays them in order", async () => {
    const { io, fetches, played } = fakeIo();
    const changes: boolean[] = [];
    const speech = new QueuedSpeech(new InOrderQueue(), io, (s) => changes.push(s));
    speech.speak(["One.", "Two.", "Three."]);
    expect(fetches.map((f) => [f.text, f.previous, f.next])).toEqual([["One.", "", "Two."], ["Two.", "One.", "Three."], ["Three.", "Two.", ""]]);
    fetches[2]!.resolve(bytes("three"));
    fetches[1]!.resolve(bytes("two"));
    await flush();
    expect(played).toHaveLength(0); // segment 0 not ready: nothing may play out of order
    fetches[0]!.resolve(bytes("one"));
    await flush();
    expect(played.map((p) => p.audio)).toEqual(["one"]);
    played[0]!.end();
    played[1]!.end();
    expect(played.map((p) => p.audio)).toEqual(["one", "two", "three"]);
    expect(speech.speaking).toBe(true);
    played[2]!.end();
    expect(speech.speaking).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it("barge-in stops the segment playing and aborts the pending fetches", async () => {
    const { io, fetches, played } = fakeIo();
    const speech = new QueuedSpeech(new InOrderQueue(), io);
    speech.speak(["First.", "Second."]);
    fetches[0]!.resolve(bytes("first"));
    await flush();
    expect(played).toHaveLength(1);
    speech.bargeIn();
    expect(played[0]!.stopped).toBe(true);
    expect(fetches[1]!.signal.aborted).toBe(true);
    fetches[1]!.resolve(bytes("second"));
    await flush();
    expect(played).toHaveLength(1);
    expect(speech.speaking).toBe(false);
  });

  it("skips a segment whose synthesis failed and reports it", async () => {
    const { io, fetches, played } = fakeIo();
    const failed: string[] = [];
    const speech = new QueuedSpeech(new InOrderQueue(), io, () => undefined, (seq, texts) => failed.push(texts[seq]!));
    speech.speak(["A.", "B."]);
    fetches[1]!.resolve(bytes("b"));
    fetches[0]!.reject(new Error("tts 502"));
    await flush();
    expect(failed).toEqual(["A."]);
    expect(played.map((p) => p.audio)).toEqual(["b"]);
  });
});
