/** Server speech: each segment of a turn is fetched from /api/tts in parallel, decoded, and
 * played strictly in order. The order, timeouts and barge-in rules live in the wasm AudioQueue;
 * this class only carries out its actions (play / stop / discard) on real audio. */

import type { Action, AudioQueueLike } from "../agent/types";

/** The browser side, injected so the orchestration is testable without Web Audio. */
export interface SpeechIo<Audio> {
  fetchSegment(text: string, previous: string, next: string, signal: AbortSignal): Promise<ArrayBuffer>;
  decode(bytes: ArrayBuffer): Promise<Audio>;
  /** Start playing; calls onEnded when it finishes by itself. Returns a stop function. */
  play(audio: Audio, onEnded: () => void): () => void;
  now(): number;
}

export class QueuedSpeech<Audio> {
  private turn = 0;
  private readonly ready = new Map<string, Audio>();
  private stopCurrent: (() => void) | null = null;
  private controller: AbortController | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Called as each segment's audio starts (the latency panel's "first audio"). */
  onPlay: () => void = () => undefined;

  constructor(
    private readonly queue: AudioQueueLike,
    private readonly io: SpeechIo<Audio>,
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
    this.startTicker();
    texts.forEach((text, seq) => {
      const previous = texts[seq - 1] ?? "";
      const next = texts[seq + 1] ?? "";
      this.io
        .fetchSegment(text, previous, next, controller.signal)
        .then(async (bytes) => {
          const audio = await this.io.decode(bytes);
          if (controller.signal.aborted) return;
          this.ready.set(key(turn, seq), audio);
          this.apply(this.queue.segmentReady(turn, seq, bytes.byteLength, this.io.now()));
        })
        .catch(() => {
          if (controller.signal.aborted) return;
          this.apply(this.queue.segmentFailed(turn, seq, this.io.now()));
          this.onSegmentFailed(seq, texts);
        });
    });
  }

  /** The caller started talking: stop Alex now and drop what is still coming. */
  bargeIn(): void {
    this.controller?.abort();
    this.controller = null;
    this.apply(this.queue.bargeIn(this.io.now()));
    this.stopPlayback();
    this.ready.clear();
    this.update();
  }

  private apply(actions: Action[]): void {
    for (const action of actions) {
      const id = key(action.turn, action.seq);
      if (action.action === "play") {
        const audio = this.ready.get(id);
        if (audio === undefined) {
          // The queue believes it is ready; if not, report it as ended so the queue moves on.
          queueMicrotask(() => this.apply(this.queue.playbackEnded(action.turn, action.seq, this.io.now())));
          continue;
        }
        this.stopPlayback();
        this.onPlay();
        this.stopCurrent = this.io.play(audio, () => {
          this.stopCurrent = null;
          this.ready.delete(id);
          this.apply(this.queue.playbackEnded(action.turn, action.seq, this.io.now()));
        });
      } else if (action.action === "stop") {
        this.stopPlayback();
      } else {
        this.ready.delete(id);
      }
    }
    this.update();
  }

  private stopPlayback(): void {
    const stop = this.stopCurrent;
    this.stopCurrent = null;
    stop?.();
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
