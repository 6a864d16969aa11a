/** Recording helpers that need no browser: the container choice and the input level. */

import { DEFAULT_AUDIO_EXTENSION, knownAudioExtension } from "../../shared/audio-types";

/** In order of preference: Opus in WebM (Chrome, Firefox), Opus in Ogg, AAC in MP4 (Safari). */
export const RECORDER_TYPES = [
  "audio/webm;codecs=opus",
  "audio/webm",
  "audio/ogg;codecs=opus",
  "audio/mp4;codecs=mp4a.40.2",
  "audio/mp4",
];

/** The best type this browser records, or "" to let MediaRecorder choose. */
export function pickRecorderType(isTypeSupported: (type: string) => boolean): string {
  for (const type of RECORDER_TYPES) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // some browsers throw on unknown types
    }
  }
  return "";
}

/** The file name extension the proxy (and Whisper) expect for a recorded type: the shared
 * table (shared/audio-types.ts), webm when the type is unknown. */
export function extensionFor(type: string): string {
  return knownAudioExtension(type) ?? DEFAULT_AUDIO_EXTENSION;
}

/** RMS of 8-bit time-domain samples (128 = silence), scaled to 0..1 for a meter. */
export function levelFromTimeDomain(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) {
    const v = (s - 128) / 128;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  // Speech sits around 0.05-0.3 RMS: stretch it so the meter moves visibly.
  return Math.min(1, rms * 3);
}

export const MAX_RECORDING_MS = 30_000;
/** Shorter presses are almost always accidental taps. */
export const MIN_RECORDING_MS = 300;

export type MicProblem = "denied" | "absent" | "unsupported" | "busy" | "other";

/** Map getUserMedia / MediaRecorder failures to what we tell the caller. */
export function micProblem(error: unknown): MicProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
    case "PermissionDeniedError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "absent";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    case "NotSupportedError":
    case "TypeError":
      return "unsupported";
    default:
      return "other";
  }
}

export function micProblemMessage(problem: MicProblem): string {
  switch (problem) {
    case "denied":
      return "Microphone access is blocked. Allow it in your browser's site settings, or type below.";
    case "absent":
      return "No microphone was found. Plug one in, or type below.";
    case "busy":
      return "The microphone is in use by another app. Close it and try again, or type below.";
    case "unsupported":
      return "This browser cannot record audio here (it needs HTTPS or localhost). Type below instead.";
    default:
      return "The microphone could not be started. Try again, or type below.";
  }
}
