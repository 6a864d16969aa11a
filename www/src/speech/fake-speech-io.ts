/** A SpeechIo for tests (no Web Audio, no network): each segment's stream is fed by the test
 * chunk by chunk, and each voice records the samples it was given and whether it is playing. */

import type { SpeechIo, Voice } from "./queued-speech";

/** 16-bit little-endian PCM bytes of these sample values (what /api/tts sends). */
export function pcm(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setInt16(i * 2, v, true));
  return bytes;
}

export interface FakeStream {
  text: string;
  previous: string;
  next: string;
  signal: AbortSignal;
  /** The consumer stopped reading before the end (the stream was cancelled). */
  cancelled: boolean;
  send(bytes: Uint8Array): void;
  end(): void;
  fail(): void;
}

export class FakeVoice implements Voice {
  /** The samples appended so far, as 16-bit values. */
  samples: number[] = [];
  ended = false;
  playing = false;
  stopped = false;
  private onEnded = () => undefined as void;

  constructor(private readonly played: FakeVoice[]) {}

  append(samples: Float32Array): void {
    this.samples.push(...Array.from(samples, (s) => Math.round(s * 32768)));
  }
  end(): void {
    this.ended = true;
  }
  play(onEnded: () => void): void {
    this.playing = true;
    this.onEnded = onEnded;
    this.played.push(this);
  }
  stop(): void {
    this.stopped = true;
    this.playing = false;
  }
  /** Everything appended has been heard: the segment ends if its stream has. */
  heard(): void {
    if (!this.playing || !this.ended) return;
    this.playing = false;
    this.onEnded();
  }
}

export function fakeSpeechIo(now: () => number = () => 0) {
  const fetches: FakeStream[] = [];
  const voices: FakeVoice[] = [];
  /** Voices in the order they started playing. */
  const played: FakeVoice[] = [];
  const io: SpeechIo = {
    fetchSegment(text, previous, next, signal) {
      const chunks: Uint8Array[] = [];
      let done = false;
      let error: Error | null = null;
      let wake = () => undefined as void;
      const poke = () => wake();
      signal.addEventListener("abort", () => {
        error = new DOMException("aborted", "AbortError");
        poke();
      });
      const stream: FakeStream = {
        text, previous, next, signal, cancelled: false,
        send: (bytes) => void (chunks.push(bytes), poke()),
        end: () => void ((done = true), poke()),
        fail: () => void ((error = new Error("tts stream broke")), poke()),
      };
      fetches.push(stream);
      return (async function* () {
        let finished = false;
        try {
          for (;;) {
            if (error) throw error;
            const chunk = chunks.shift();
            if (chunk) yield chunk;
            else if (done) return void (finished = true);
            else await new Promise<void>((resolve) => (wake = resolve));
          }
        } finally {
          if (!finished && !error) stream.cancelled = true;
        }
      })();
    },
    voice() {
      const voice = new FakeVoice(played);
      voices.push(voice);
      return voice;
    },
    now,
  };
  return { io, fetches, voices, played };
}

/** Let pending chunks and promise callbacks run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
