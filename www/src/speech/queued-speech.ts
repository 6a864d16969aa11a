/** Server speech: each segment of a turn is requested from /api/tts at once, and each is played
 * as its audio streams in, strictly in order. The order, timeouts and barge-in rules live in the
 * wasm AudioQueue; this class only carries out its actions (play / stop / discard) on real audio.
 *
 * Streaming: the proxy sends raw 16-bit PCM (pcm.ts), so every chunk is playable on arrival, no
 * decoder needed. A segment is "ready" for the queue when its first samples are here; once the
 * queue says play, what has arrived is scheduled and each later chunk right after it; the segment
 * has ended when its stream has ended and the last sample was heard. The queue's byte bound counts
 * what had arrived when the segment became ready. A stream that fails part-way is a failed
 * segment (the queue skips it; the owner may fall back to the browser's voice). */

import type { Action, AudioQueueLike } from "../agent/types";
import { Pcm16 } from "./pcm";

/** The browser side, injected so the orchestration is testable without Web Audio. */
export interface SpeechIo {
  /** The segment's audio bytes as they arrive; throws when the request or the stream fails. */
  fetchSegment(text: string, previous: string, next: string, signal: AbortSignal): AsyncIterable<Uint8Array>;
  /** Where one segment's samples go. */
  voice(): Voice;
  now(): number;
}

/** One segment's audio: samples are appended as they arrive and heard from `play` on. */
export interface Voice {
  append(samples: Float32Array): void;
  /** No more samples will come. */
  end(): void;
  /** Play what is here, then each later append right after; `onEnded` once `end` was called and
   * every sample has been heard. */
  play(onEnded: () => void): void;
  /** Silence it at once (playing or not) and let it go. */
  stop(): void;
}

export class QueuedSpeech {
  private turn = 0;
  /** Segments that have audio, by `turn:seq`, until they end or are dropped. */
  private readonly voices = new Map<string, Voice>();
  private playing: Voice | null = null;
  private controller: AbortController | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Called as each segment's audio starts (the latency panel's "first audio"). */
  onPlay: () => void = () => undefined;

  constructor(
    private readonly queue: AudioQueueLike,
    private readonly io: SpeechIo,
    private readonly onSpeakingChange: (speaking: boolean) => void = () => undefined,
    /** A segment the server could not voice (`seq` of `segments`); the owner may fall back. */
    private readonly onSegmentFailed: (seq: number, segments: string[]) => void = () => undefined,
  ) {}

  get speaking(): boolean {
    return this.queue.status().status !== "idle";
  }

  /** The sentences of the reply under way and how many of them have been fully played. */
  progress(): { segments: string[]; played: number } {
    const status = this.queue.status();
    const played = status.status === "idle" ? this.texts.length : status.seq;
    return { segments: this.texts, played };
  }

  private texts: string[] = [];

  speak(segments: string[]): void {
    const texts = segments.map((s) => s.trim()).filter(Boolean);
    if (texts.length === 0) return;
    this.texts = texts;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const turn = ++this.turn;
    this.apply(this.queue.beginTurn(turn, texts.length, this.io.now()));
    this.dropAll();
    this.startTicker();
    texts.forEach((_, seq) => void this.stream(turn, seq, texts, controller.signal));
  }

  /** Receive segment `seq`: ready on its first samples, then fed to its voice as they come. */
  private async stream(turn: number, seq: number, texts: string[], signal: AbortSignal): Promise<void> {
    const id = key(turn, seq);
    const pcm = new Pcm16();
    let voice: Voice | undefined;
    try {
      for await (const chunk of this.io.fetchSegment(texts[seq]!, texts[seq - 1] ?? "", texts[seq + 1] ?? "", signal)) {
        // Barged in, superseded, stopped or discarded: leaving the loop cancels the stream.
        if (signal.aborted || (voice && this.voices.get(id) !== voice)) return;
        const samples = pcm.push(chunk);
        if (samples.length === 0) continue;
        if (voice) {
          voice.append(samples);
          continue;
        }
        voice = this.io.voice();
        voice.append(samples);
        this.voices.set(id, voice);
        this.apply(this.queue.segmentReady(turn, seq, chunk.byteLength, this.io.now()));
      }
      if (!voice) throw new Error("no audio");
      voice.end();
    } catch {
      if (signal.aborted) return;
      if (voice) this.drop(id, voice);
      this.apply(this.queue.segmentFailed(turn, seq, this.io.now()));
      this.onSegmentFailed(seq, texts);
    }
  }

  /** The caller started talking: stop Alex now and drop what is still coming. */
  bargeIn(): void {
    this.controller?.abort();
    this.controller = null;
    this.apply(this.queue.bargeIn(this.io.now()));
    this.dropAll();
    this.update();
  }

  private apply(actions: Action[]): void {
    for (const action of actions) {
      const id = key(action.turn, action.seq);
      const voice = this.voices.get(id);
      if (action.action === "play") {
        if (voice === undefined) {
          // The queue believes it is ready; if not, report it as ended so the queue moves on.
          queueMicrotask(() => this.apply(this.queue.playbackEnded(action.turn, action.seq, this.io.now())));
          continue;
        }
        if (this.playing) this.playing.stop();
        this.playing = voice;
        this.onPlay();
        voice.play(() => {
          if (this.voices.get(id) !== voice) return;
          this.drop(id, voice);
          this.apply(this.queue.playbackEnded(action.turn, action.seq, this.io.now()));
        });
      } else if (action.action === "stop") {
        if (this.playing) this.drop(id, this.playing);
      } else if (voice) {
        this.drop(id, voice);
      }
    }
    this.update();
  }

  /** Silence one segment and forget it (its stream stops at its next chunk). */
  private drop(id: string, voice: Voice): void {
    if (this.voices.get(id) === voice) this.voices.delete(id);
    if (this.playing === voice) this.playing = null;
    voice.stop();
  }

  private dropAll(): void {
    this.playing?.stop();
    this.playing = null;
    for (const voice of this.voices.values()) voice.stop();
    this.voices.clear();
  }

  private startTicker(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.apply(this.queue.tick(this.io.now())), 100);
  }

  private wasSpeaking = false;
  private update(): void {
    const speaking = this.speaking;
    if (!speaking && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    if (speaking !== this.wasSpeaking) {
      this.wasSpeaking = speaking;
      this.onSpeakingChange(speaking);
    }
  }
}

function key(turn: number, seq: number): string {
  return `${turn}:${seq}`;
}
