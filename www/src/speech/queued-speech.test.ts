import { describe, expect, it } from "vitest";
import type { Action, AudioQueueLike, QueueStatus } from "../agent/types";
import { fakeSpeechIo, flush, pcm } from "./fake-speech-io";
import { QueuedSpeech } from "./queued-speech";

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
    // Failing the one due (playing or not) skips it, as the real queue does.
    if (turn === this.turn && seq === this.next) { this.playing = false; this.next++; return this.advance(); }
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

describe("QueuedSpeech", () => {
  it("asks for every segment at once with its neighbours and plays them in order", async () => {
    const { io, fetches, played } = fakeSpeechIo();
    const changes: boolean[] = [];
    const speech = new QueuedSpeech(new InOrderQueue(), io, (s) => changes.push(s));
    speech.speak(["One.", "Two.", "Three."]);
    expect(fetches.map((f) => [f.text, f.previous, f.next])).toEqual([["One.", "", "Two."], ["Two.", "One.", "Three."], ["Three.", "Two.", ""]]);
    fetches[2]!.send(pcm(3));
    fetches[2]!.end();
    fetches[1]!.send(pcm(2));
    fetches[1]!.end();
    await flush();
    expect(played).toHaveLength(0); // segment 0 not here: nothing may play out of order
    fetches[0]!.send(pcm(1));
    fetches[0]!.end();
    await flush();
    expect(played.map((v) => v.samples)).toEqual([[1]]);
    played[0]!.heard();
    played[1]!.heard();
    expect(played.map((v) => v.samples)).toEqual([[1], [2], [3]]);
    expect(speech.speaking).toBe(true);
    played[2]!.heard();
    expect(speech.speaking).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it("starts a segment on its first chunk and feeds it the rest as it arrives", async () => {
    const { io, fetches, played } = fakeSpeechIo();
    const speech = new QueuedSpeech(new InOrderQueue(), io);
    speech.speak(["A long sentence.", "Next."]);
    fetches[0]!.send(pcm(10, 11));
    await flush();
    expect(played).toHaveLength(1); // playing while its stream is still open
    expect(played[0]!.ended).toBe(false);
    played[0]!.heard(); // ran out of audio mid-stream: not the end of the segment
    fetches[1]!.send(pcm(20));
    fetches[1]!.end();
    fetches[0]!.send(pcm(12));
    fetches[0]!.send(pcm(13));
    await flush();
    expect(played).toHaveLength(1);
    expect(played[0]!.samples).toEqual([10, 11, 12, 13]);
    fetches[0]!.end();
    await flush();
    played[0]!.heard();
    expect(played.map((v) => v.samples)).toEqual([[10, 11, 12, 13], [20]]);
    expect(speech.progress()).toEqual({ segments: ["A long sentence.", "Next."], played: 1 });
  });

  it("joins a sample split across chunks (odd byte boundaries)", async () => {
    const { io, fetches, played } = fakeSpeechIo();
    const speech = new QueuedSpeech(new InOrderQueue(), io);
    speech.speak(["Hi."]);
    const bytes = pcm(1000, -2, 32767, -32768, 300);
    fetches[0]!.send(bytes.slice(0, 1)); // half a sample: nothing to play yet
    await flush();
    expect(played).toHaveLength(0);
    fetches[0]!.send(bytes.slice(1, 4));
    fetches[0]!.send(bytes.slice(4, 9));
    fetches[0]!.send(bytes.slice(9));
    fetches[0]!.end();
    await flush();
    expect(played[0]!.samples).toEqual([1000, -2, 32767, -32768, 300]);
  });

  it("barge-in mid-stream stops the voice at once and cancels every stream", async () => {
    const { io, fetches, played, voices } = fakeSpeechIo();
    const speech = new QueuedSpeech(new InOrderQueue(), io);
    speech.speak(["First.", "Second."]);
    fetches[0]!.send(pcm(1));
    fetches[1]!.send(pcm(2));
    await flush();
    expect(played).toHaveLength(1);
    speech.bargeIn();
    expect(played[0]!.stopped).toBe(true);
    expect(voices[1]!.stopped).toBe(true);
    expect(fetches.every((f) => f.signal.aborted)).toBe(true);
    fetches[0]!.send(pcm(1));
    fetches[1]!.end();
    await flush();
    expect(played).toHaveLength(1);
    expect(played[0]!.samples).toEqual([1]);
    expect(speech.speaking).toBe(false);
  });

  it("a stream that breaks part-way is a failed segment: its voice stops and the next one plays", async () => {
    const { io, fetches, played } = fakeSpeechIo();
    const failed: string[] = [];
    const speech = new QueuedSpeech(new InOrderQueue(), io, () => undefined, (seq, texts) => failed.push(texts[seq]!));
    speech.speak(["A.", "B."]);
    fetches[0]!.send(pcm(1));
    fetches[1]!.send(pcm(2));
    fetches[1]!.end();
    await flush();
    fetches[0]!.fail();
    await flush();
    expect(failed).toEqual(["A."]);
    expect(played[0]!.stopped).toBe(true);
    expect(played.map((v) => v.samples)).toEqual([[1], [2]]);
  });

  it("skips a segment whose synthesis failed, or that sent no audio, and reports it", async () => {
    const { io, fetches, played } = fakeSpeechIo();
    const failed: string[] = [];
    const speech = new QueuedSpeech(new InOrderQueue(), io, () => undefined, (seq, texts) => failed.push(texts[seq]!));
    speech.speak(["A.", "B.", "C."]);
    fetches[2]!.send(pcm(3));
    fetches[2]!.end();
    fetches[0]!.fail();
    fetches[1]!.end();
    await flush();
    expect(failed).toEqual(["A.", "B."]);
    expect(played.map((v) => v.samples)).toEqual([[3]]);
  });

  it("a newer reply silences the old one and aborts its streams", async () => {
    const { io, fetches, voices } = fakeSpeechIo();
    const speech = new QueuedSpeech(new InOrderQueue(), io);
    speech.speak(["Old."]);
    fetches[0]!.send(pcm(1));
    await flush();
    speech.speak(["New."]);
    expect(voices[0]!.stopped).toBe(true);
    expect(fetches[0]!.signal.aborted).toBe(true);
  });
});
