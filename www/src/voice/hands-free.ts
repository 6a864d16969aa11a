/** A hands-free call: the microphone's samples go to the wasm `VoiceActivity`, and its events
 * are carried out here on real audio and recognisers. The decisions (when the caller starts
 * and stops, whether talking over Alex interrupts him, false interruptions, re-prompts) are all
 * the core's; this class only does what they say and keeps the timings. */

import type { TurnEvent, VoiceActivity } from "./ear";
import type { Mic } from "./mic";
import type { BrowserRecognition } from "./recognition";
import type { Interruption, Speaker } from "../speech/speaker";

/** Which recogniser turns the caller's speech into words. */
export type EarKind = "server" | "browser" | "none";

/** One turn's latency, from the end of the caller's speech (page clock, ms). */
export interface TurnTiming {
  speechEnd: number;
  transcript?: number;
  reply?: number;
  firstAudio?: number;
}

/** An interruption of Alex, measured in the page. */
export interface BargeIn {
  /** From the caller's first speech frame to Alex's audio stopped. */
  onsetToStopMs: number;
  /** From the moment the speech had lasted the minimum to Alex's audio stopped. */
  minimumToStopMs: number;
}

export type SttOutcome = { text: string } | { failure: string; status?: number | null };

export interface HandsFreeHooks {
  level(level: number): void;
  talking(on: boolean): void;
  words(text: string): void;
  /** Send the server recogniser a recording (WAV). */
  transcribe(wav: Blob): Promise<SttOutcome>;
  sttFailed(failure: string): void;
  respond(text: string, timing: TurnTiming): void;
  reprompt(last: boolean): void;
  /** The caller cut Alex off: where he was (for the agent's record of what was said). */
  interrupted(where: Interruption): void;
  bargeIn(measure: BargeIn): void;
}

/** How long to wait after the speech ends for the browser recogniser's last words. */
const FINAL_WORDS_WAIT_MS = 1_200;

export class HandsFree {
  private lastWall = 0;
  private lastAudioMs = 0;
  private chunks = 0;
  private stopped = false;

  constructor(
    private readonly voice: VoiceActivity,
    private readonly mic: Mic,
    private readonly speaker: Speaker,
    private readonly hooks: HandsFreeHooks,
    private ear: EarKind,
    private readonly recognition: BrowserRecognition | null,
  ) {}

  get earKind(): EarKind {
    return this.ear;
  }

  /** The microphone chunks arrive here (from the worklet). */
  push(samples: Float32Array): void {
    if (this.stopped) return;
    const events = this.voice.push(samples);
    // The audio clock's "now" is this moment (the chunk just arrived): later than the caller
    // spoke by the chunk (~11 ms) and the input latency, so page-measured delays err short.
    this.lastWall = performance.now();
    this.lastAudioMs = this.voice.nowMs;
    this.handle(events);
    // The meter at ~25 updates a second, not at every chunk.
    if (++this.chunks % 4 === 0) this.hooks.level(this.voice.level);
  }

  /** The page time of a moment of microphone audio. */
  wallOf(audioMs: number): number {
    return this.lastWall - (this.lastAudioMs - audioMs);
  }

  setEar(ear: EarKind): void {
    this.ear = ear;
    if (ear === "browser") {
      this.voice.setEar("interim");
      this.recognition?.start();
    } else {
      this.voice.setEar("after_utterance");
      if (ear === "none") this.recognition?.stop();
    }
  }

  /** Interim words from the browser recogniser. */
  words(text: string): void {
    if (this.ear !== "browser") return;
    this.hooks.words(text);
    this.handle(this.voice.words(text));
  }

  alexStarted(): void {
    this.handle(this.voice.alexStarted());
  }

  alexFinished(): void {
    this.handle(this.voice.alexFinished());
  }

  /** The app stopped Alex itself (typed input, mute): no re-prompt, no resume. */
  alexStopped(): void {
    this.voice.alexStopped();
  }

  callerActed(): void {
    this.voice.callerActed();
  }

  stop(): void {
    this.stopped = true;
    this.mic.stop();
    this.recognition?.stop();
    this.voice.free();
  }

  private handle(events: TurnEvent[]): void {
    for (const event of events) this.apply(event);
  }

  private apply(event: TurnEvent): void {
    // Diagnostics: a page (or a test) that sets `window.__voiceLog = []` before the app loads
    // gets every event with its page time and audio time.
    const log = (window as unknown as { __voiceLog?: unknown[] }).__voiceLog;
    log?.push([Math.round(performance.now()), this.voice.nowMs, event]);
    switch (event.event) {
      case "duck":
        this.speaker.duck(true);
        break;
      case "unduck":
        this.speaker.duck(false);
        break;
      case "pause": {
        const onset = this.wallOf(event.onset_ms);
        const minimum = this.wallOf(event.at_ms);
        void this.speaker.pause(true).then(() => {
          const now = performance.now();
          this.hooks.bargeIn({ onsetToStopMs: now - onset, minimumToStopMs: now - minimum });
        });
        break;
      }
      case "resume":
        this.speaker.duck(false);
        void this.speaker.pause(false);
        break;
      case "cut":
        this.hooks.interrupted(this.speaker.cut());
        break;
      case "listening":
        this.hooks.talking(true);
        break;
      case "utterance":
        this.hooks.talking(false);
        void this.transcribe({ speechEnd: this.wallOf(event.speech_end_ms) });
        break;
      case "ignored":
        this.hooks.talking(false);
        if (this.ear === "browser") this.recognition?.take();
        this.hooks.words("");
        break;
      case "respond":
        this.hooks.words("");
        this.hooks.respond(event.text, this.timing ?? { speechEnd: performance.now() });
        this.timing = null;
        break;
      case "reprompt":
        this.hooks.reprompt(event.last);
        break;
    }
  }

  private timing: TurnTiming | null = null;

  /** The utterance to words, by the ear in use; a failed recogniser is told apart from
   * silence and hands over to the next ear. */
  private async transcribe(timing: TurnTiming): Promise<void> {
    this.timing = timing;
    let text = "";
    if (this.ear === "server") {
      const wav = this.voice.takeUtterance();
      const outcome = wav ? await this.hooks.transcribe(new Blob([wav as Uint8Array<ArrayBuffer>], { type: "audio/wav" })) : { text: "" };
      if ("failure" in outcome) this.hooks.sttFailed(outcome.failure);
      else text = outcome.text;
    } else if (this.ear === "browser" && this.recognition) {
      const deadline = performance.now() + FINAL_WORDS_WAIT_MS;
      while (this.recognition.pending && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      text = this.recognition.take();
    }
    if (this.stopped) return;
    timing.transcript = performance.now();
    this.handle(this.voice.heard(text));
    if (this.timing === timing && !text) this.timing = null;
  }
}
