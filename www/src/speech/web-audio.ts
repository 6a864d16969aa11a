/** The Web Audio side of server speech: fetch a segment from the proxy, decode, play. Alex's
 * voice goes through one gain node (ducked while the caller may be talking) and an analyser
 * (his level meter); pausing suspends the context, so he resumes exactly where he stopped. */
import type { SpeechIo } from "./queued-speech";

let context: AudioContext | null = null;
let output: { gain: GainNode; analyser: AnalyserNode } | null = null;

/** One AudioContext for the page, resumed on a user gesture (autoplay rules). */
export function audioContext(): AudioContext {
  context ??= new AudioContext();
  if (context.state === "suspended" && !paused) void context.resume().catch(() => undefined);
  return context;
}

/** Where Alex's voice is connected: gain (ducking) -> analyser (meter) -> speakers. */
function voiceOutput(): GainNode {
  if (!output) {
    const ctx = audioContext();
    const gain = ctx.createGain();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    gain.connect(analyser).connect(ctx.destination);
    output = { gain, analyser };
  }
  return output.gain;
}

/** Lower Alex's voice to a quarter (the caller may be starting to talk), or back. */
export function duckVoice(on: boolean): void {
  if (!output || !context) return;
  output.gain.gain.setTargetAtTime(on ? 0.25 : 1, context.currentTime, 0.03);
}

let paused = false;

/** Freeze Alex's voice where it is (resolves once the audio has stopped), or go on. */
export async function pauseVoice(on: boolean): Promise<void> {
  paused = on;
  if (!context) return;
  if (on) await context.suspend().catch(() => undefined);
  else await context.resume().catch(() => undefined);
}

/** Alex's output level 0..1 (RMS, stretched like the microphone's). */
export function voiceLevel(): number {
  if (!output) return 0;
  const samples = new Float32Array(output.analyser.fftSize);
  output.analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}

export function webAudioIo(baseUrl = ""): SpeechIo<AudioBuffer> {
  return {
    async fetchSegment(text, previous, next, signal) {
      const response = await fetch(`${baseUrl}/api/tts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, previous_text: previous || undefined, next_text: next || undefined }),
        signal,
      });
      if (!response.ok) throw new Error(`tts ${response.status}`);
      return response.arrayBuffer();
    },
    decode: (bytes) => audioContext().decodeAudioData(bytes),
    play(audio, onEnded) {
      const ctx = audioContext();
      const source = ctx.createBufferSource();
      source.buffer = audio;
      source.connect(voiceOutput());
      let stopped = false;
      source.onended = () => {
        if (!stopped) onEnded();
      };
      source.start();
      return () => {
        stopped = true;
        try {
          source.stop();
        } catch {
          // already stopped
        }
        source.disconnect();
      };
    },
    now: () => performance.now(),
  };
}
