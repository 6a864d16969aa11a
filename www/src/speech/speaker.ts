/** Alex's voice: server speech through the AudioQueue when the tts tier is on, otherwise the
 * browser's speechSynthesis; nothing when muted. */

import type { AudioQueueLike } from "../agent/types";
import { BrowserSpeech } from "./browser-speech";
import { QueuedSpeech } from "./queued-speech";
import { webAudioIo } from "./web-audio";

export class Speaker {
  private server: QueuedSpeech<AudioBuffer> | null = null;
  private readonly browser: BrowserSpeech;
  private serverSpeaking = false;
  private browserSpeaking = false;
  muted = false;

  constructor(private readonly onSpeakingChange: (speaking: boolean) => void) {
    this.browser = new BrowserSpeech((s) => {
      this.browserSpeaking = s;
      this.emit();
    });
  }

  /** Switch server speech on (with a fresh queue) or off. */
  useServer(queue: AudioQueueLike | null, baseUrl = ""): void {
    this.server?.bargeIn();
    this.server = queue
      ? new QueuedSpeech(queue, webAudioIo(baseUrl), (s) => {
          this.serverSpeaking = s;
          this.emit();
        })
      : null;
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
