/** Fallback speech with the browser's speechSynthesis (no keys needed). */

export class BrowserSpeech {
  private active = 0;
  /** Called as each sentence starts to be spoken. */
  onPlay: () => void = () => undefined;
  private generation = 0;

  constructor(private readonly onSpeakingChange: (speaking: boolean) => void = () => undefined) {}

  static available(): boolean {
    return typeof window !== "undefined" && "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined";
  }

  /** How many voices the browser has; Chrome lists them only after "voiceschanged", so wait
   * for that a moment before concluding there are none. */
  static async voiceCount(waitMs = 1_000): Promise<number> {
    if (!BrowserSpeech.available()) return 0;
    const synth = window.speechSynthesis;
    if (synth.getVoices().length > 0) return synth.getVoices().length;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      synth.addEventListener("voiceschanged", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    return synth.getVoices().length;
  }

  get speaking(): boolean {
    return this.active > 0;
  }

  /** The sentences of the reply under way and how many have been fully played. */
  progress(): { segments: string[]; played: number } {
    return { segments: this.texts, played: this.played };
  }

  private texts: string[] = [];
  private played = 0;

  /** Pause or resume the reply where it is (speechSynthesis keeps its place). */
  pause(on: boolean): void {
    if (!BrowserSpeech.available()) return;
    if (on) window.speechSynthesis.pause();
    else window.speechSynthesis.resume();
  }

  speak(segments: string[]): void {
    if (!BrowserSpeech.available()) return;
    const generation = this.generation;
    this.texts = segments.map((s) => s.trim()).filter(Boolean);
    this.played = 0;
    for (const text of segments) {
      if (!text.trim()) continue;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "en-US";
      utterance.rate = 1.05;
      const voice = pickVoice();
      if (voice) utterance.voice = voice;
      this.active += 1;
      this.onSpeakingChange(true);
      const done = () => {
        if (generation !== this.generation) return;
        this.played += 1;
        this.active = Math.max(0, this.active - 1);
        if (this.active === 0) this.onSpeakingChange(false);
      };
      utterance.onstart = () => this.onPlay();
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    }
  }

  bargeIn(): void {
    this.generation += 1;
    if (BrowserSpeech.available()) window.speechSynthesis.cancel();
    if (this.active > 0) {
      this.active = 0;
      this.onSpeakingChange(false);
    }
  }
}

function pickVoice(): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang === "en-US" && /natural|google|samantha|alex/i.test(v.name))
    ?? voices.find((v) => v.lang === "en-US")
    ?? voices.find((v) => v.lang.startsWith("en"))
    ?? null;
}
