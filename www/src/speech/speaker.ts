/** Alex's voice: server speech through the AudioQueue when the tts tier is on, otherwise the
 * browser's speechSynthesis; nothing when muted. */

import type { AudioQueueLike } from "../agent/types";
import { BrowserSpeech } from "./browser-speech";
import { QueuedSpeech, type SpeechIo } from "./queued-speech";
import { duckVoice, pauseVoice, webAudioIo } from "./web-audio";

/** What the fallback voice needs (BrowserSpeech; a stand-in in tests). */
export interface FallbackVoice {
  speak(segments: string[]): void;
  bargeIn(): void;
  pause?(on: boolean): void;
  progress?(): { segments: string[]; played: number };
  onPlay?: () => void;
}

/** Where Alex was in his reply when the caller cut him off. */
export interface Interruption {
  /** The reply's sentences. */
  segments: string[];
  /** How many of them were fully played. */
  played: number;
  /** The text he did not get to say (from the sentence that was cut). */
  cutText: string;
}

export class Speaker {
  private server: QueuedSpeech | null = null;
  private readonly browser: FallbackVoice;
  private serverSpeaking = false;
  private browserSpeaking = false;
  muted = false;
  /** Alex's audio started (a segment began to play): the latency panel's "first audio". */
  onAudio: () => void = () => undefined;

  constructor(
    private readonly onSpeakingChange: (speaking: boolean) => void,
    fallback?: (onSpeakingChange: (speaking: boolean) => void) => FallbackVoice,
  ) {
    const onBrowser = (s: boolean) => {
      this.browserSpeaking = s;
      this.emit();
    };
    this.browser = fallback ? fallback(onBrowser) : new BrowserSpeech(onBrowser);
    this.browser.onPlay = () => this.onAudio();
  }

  /** Switch server speech on (with a fresh queue) or off. */
  useServer(queue: AudioQueueLike | null, io: SpeechIo = webAudioIo()): void {
    this.server?.bargeIn();
    this.server = queue
      ? new QueuedSpeech(
          queue,
          io,
          (s) => {
            this.serverSpeaking = s;
            this.emit();
          },
          (seq, segments) => this.serverFailed(seq, segments),
        )
      : null;
    if (this.server) this.server.onPlay = () => this.onAudio();
  }

  /** The server could not voice a segment. When it is the first one of the turn (typically an
   * outage or an exhausted quota, so the rest will fail too), the whole reply is spoken by the
   * browser instead of leaving Alex silent; a later failure just skips that sentence. */
  private serverFailed(seq: number, segments: string[]): void {
    if (seq !== 0 || this.muted) return;
    this.server?.bargeIn();
    this.browser.speak(segments);
  }

  get speaking(): boolean {
    return this.serverSpeaking || this.browserSpeaking;
  }

  speak(segments: string[]): void {
    if (this.muted) return;
    if (this.server) this.server.speak(segments);
    else this.browser.speak(segments);
  }

  /** Stop everything now (the caller is talking, muted, or started over). */
  bargeIn(): void {
    void pauseVoice(false);
    this.server?.bargeIn();
    this.browser.bargeIn();
  }

  /** Lower Alex's voice while the caller may be talking (server voice; the browser's voice
   * cannot change volume mid-sentence). */
  duck(on: boolean): void {
    duckVoice(on);
  }

  /** Stop Alex where he is, keeping his place (resolves when the audio has stopped). */
  pause(on: boolean): Promise<void> {
    this.browser.pause?.(on);
    return pauseVoice(on);
  }

  /** The caller's interruption stands: stop for good and say where Alex was. */
  cut(): Interruption {
    const progress = (this.serverSpeaking ? this.server?.progress() : this.browser.progress?.()) ?? { segments: [], played: 0 };
    this.bargeIn();
    return { ...progress, cutText: progress.segments.slice(progress.played).join(" ") };
  }

  private emit(): void {
    this.onSpeakingChange(this.speaking);
  }
}
