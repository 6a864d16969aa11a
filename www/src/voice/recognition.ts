/** The browser's own speech recognition (SpeechRecognition / webkitSpeechRecognition), the
 * ear when the server has no recogniser: continuous, with interim results shown as the caller
 * speaks. Chrome sends the audio to its vendor's service, so it needs the network. */

import { recognitionSupported } from "./support";

/** The part of the Web Speech API used here (not in TypeScript's DOM library). */
interface RecognitionResult {
  readonly isFinal: boolean;
  readonly 0: { transcript: string };
}
interface RecognitionEvent {
  readonly resultIndex: number;
  readonly results: { readonly length: number; readonly [i: number]: RecognitionResult };
}
interface Recognition {
  continuous: boolean;
  interimResults: boolean;
  lang: string;
  onresult: ((e: RecognitionEvent) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
type RecognitionClass = new () => Recognition;

function recognitionClass(): RecognitionClass | null {
  if (typeof window === "undefined") return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionClass; webkitSpeechRecognition?: RecognitionClass };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export interface RecognitionCallbacks {
  /** Everything heard since the last utterance was taken, final and interim. */
  onWords(text: string): void;
  /** The recogniser failed for good (no network, not allowed): fall back to typing. */
  onFailure(reason: string): void;
}

export class BrowserRecognition {
  private recognition: Recognition | null = null;
  private finalText = "";
  private interimText = "";
  private running = false;

  constructor(private readonly callbacks: RecognitionCallbacks) {}

  static supported(): boolean {
    return recognitionSupported();
  }

  start(): void {
    const Class = recognitionClass();
    if (!Class || this.running) return;
    const recognition = new Class();
    recognition.continuous = true;
    recognition.interimResults = true;
    recognition.lang = "en-US";
    recognition.onresult = (e) => {
      let interim = "";
      for (let i = e.resultIndex; i < e.results.length; i++) {
        const result = e.results[i]!;
        if (result.isFinal) this.finalText = `${this.finalText} ${result[0].transcript}`.trim();
        else interim += result[0].transcript;
      }
      this.interimText = interim.trim();
      this.callbacks.onWords(this.words());
    };
    recognition.onerror = (e) => {
      // "no-speech" and "aborted" are ordinary; the rest mean this ear does not work here.
      if (["not-allowed", "service-not-allowed", "network", "audio-capture", "language-not-supported"].includes(e.error)) {
        this.running = false;
        this.callbacks.onFailure(e.error);
      }
    };
    // Chrome ends a continuous session now and then: start again while the call goes on.
    recognition.onend = () => {
      if (this.running) {
        try {
          recognition.start();
        } catch {
          this.running = false;
        }
      }
    };
    this.recognition = recognition;
    this.running = true;
    recognition.start();
  }

  /** The words of the utterance that just ended; the next one starts empty. */
  take(): string {
    const text = this.words();
    this.finalText = "";
    this.interimText = "";
    return text;
  }

  /** Whether the recogniser still holds words it has not made final. */
  get pending(): boolean {
    return this.interimText !== "";
  }

  stop(): void {
    this.running = false;
    this.recognition?.abort();
    this.recognition = null;
  }

  private words(): string {
    return `${this.finalText} ${this.interimText}`.trim();
  }
}
