/** The Web Audio side of server speech: stream a segment from the proxy and play it as it comes. Alex's
 * voice goes through one gain node (ducked while the caller may be talking) and an analyser
 * (his level meter); pausing suspends the context, so he resumes exactly where he stopped. */
import { SPEECH_RATE } from "../../shared/audio-types";
import type { SpeechIo, Voice } from "./queued-speech";

let context: AudioContext | null = null;
let output: { gain: GainNode; analyser: AnalyserNode } | null = null;

/** One AudioContext for Alex's voice, resumed on a user gesture (autoplay rules). At the speech's
 * own rate where the browser allows it, so each chunk is played as is and back to back, sample
 * for sample (the browser resamples the mix once, for the speakers). */
export function audioContext(): AudioContext {
  if (!context) {
    try {
      context = new AudioContext({ sampleRate: SPEECH_RATE });
    } catch {
      context = new AudioContext();
    }
  }
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

/** Alex's voice through Web Audio. Each segment streams from the proxy as raw PCM, and every chunk
 * becomes an AudioBuffer scheduled right after the previous one on the context's clock, so Alex
 * starts on the first chunk. Chosen over MediaSource with `audio/mpeg` (or WebCodecs): PCM plays
 * wherever Web Audio does (iPhones have no MediaSource, only ManagedMediaSource since iOS 17.1),
 * needs no decoder and no media element, and keeps one path through the gain and the meter; the
 * only framing to handle is a chunk cut mid-sample. The cost is bytes: 48 KB per second of speech,
 * 4x the mp3's, small next to the time synthesis takes. `?speech=whole` in the page's address
 * waits for each whole stream first, as decoding whole files did (only for the benchmark's
 * comparison, scripts/bench-voice.ts). */
export function webAudioIo(baseUrl = ""): SpeechIo {
  const whole = new URLSearchParams(location.search).get("speech") === "whole";
  return {
    async *fetchSegment(text, previous, next, signal) {
      const response = await fetch(`${baseUrl}/api/tts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, previous_text: previous || undefined, next_text: next || undefined }),
        signal,
      });
      if (!response.ok || !response.body || !response.headers.get("content-type")?.startsWith("audio/pcm")) {
        throw new Error(`tts ${response.status}`);
      }
      if (whole) {
        yield new Uint8Array(await response.arrayBuffer());
        return;
      }
      const reader = response.body.getReader();
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
      } finally {
        void reader.cancel().catch(() => undefined);
      }
    },
    voice: pcmVoice,
    now: () => performance.now(),
  };
}

function pcmVoice(): Voice {
  const ctx = audioContext();
  const waiting: Float32Array[] = [];
  const sources = new Set<AudioBufferSourceNode>();
  let at = 0;
  let state: "waiting" | "playing" | "done" = "waiting";
  let ended = false;
  let onEnded = () => undefined as void;
  const finish = () => {
    if (state === "playing" && ended && sources.size === 0) {
      state = "done";
      onEnded();
    }
  };
  const schedule = (samples: Float32Array) => {
    const buffer = ctx.createBuffer(1, samples.length, SPEECH_RATE);
    buffer.getChannelData(0).set(samples);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(voiceOutput());
    source.onended = () => {
      sources.delete(source);
      source.disconnect();
      finish();
    };
    sources.add(source);
    at = Math.max(at, ctx.currentTime);
    source.start(at);
    at += buffer.duration;
  };
  return {
    append(samples) {
      if (state === "playing") schedule(samples);
      else if (state === "waiting") waiting.push(samples);
    },
    end() {
      ended = true;
      finish();
    },
    play(done) {
      if (state !== "waiting") return;
      state = "playing";
      onEnded = done;
      waiting.splice(0).forEach(schedule);
      finish();
    },
    stop() {
      state = "done";
      waiting.length = 0;
      for (const source of sources) {
        source.onended = null;
        source.stop();
        source.disconnect();
      }
      sources.clear();
    },
  };
}
