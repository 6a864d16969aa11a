/** Alex's voice: server speech through the AudioQueue when the tts tier is on, otherwise the
 * browser's speechSynthesis; nothing when muted. */

import type { AudioQueueLike } from "../agent/types";
import { BrowserSpeech } from "./browser-speech";
import { QueuedSpeech, type SpeechIo } from "./queued-speech";
import { webAudioIo } from "./web-audio";

/** What the fallback voice needs (BrowserSpeech; a stand-in in tests). */
export interface FallbackVoice {
  speak(segments: string[]): void;
  bargeIn(): void;
}

export class Speaker {
  private server: QueuedSpeech<unknown> | null = null;
  private readonly browser: FallbackVoice;
  private serverSpeaking = false;
  private browserSpeaking = false;
  muted = false;

  constructor(
    private readonly onSpeakingChange: (speaking: boolean) => void,
    fallback?: (onSpeakingChange: (speaking: boolean) => void) => FallbackVoice,
  ) {
    const onBrowser = (s: boolean) => {
      this.browserSpeaking = s;
      this.emit();
    };
    this.browser = fallback ? fallback(onBrowser) : new BrowserSpeech(onBrowser);
  }

  /** Switch server speech on (with a fresh queue) or off. */
  useServer(queue: AudioQueueLike | null, io: SpeechIo<unknown> = webAudioIo() as SpeechIo<unknown>): void {
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
    this.server?.bargeIn();
    this.browser.bargeIn();
  }

  private emit(): void {
    this.onSpeakingChange(this.speaking);
  }
}
