/** What this browser offers for a hands-free call, checked without loading the call's code
 * (which comes with the detector when a call starts). */

/** The browser's speech recognition, prefixed or not. */
export function recognitionSupported(): boolean {
  if (typeof window === "undefined") return false;
  const w = window as unknown as { SpeechRecognition?: unknown; webkitSpeechRecognition?: unknown };
  return typeof (w.SpeechRecognition ?? w.webkitSpeechRecognition) === "function";
}

/** A microphone the page can read sample by sample (getUserMedia and AudioWorklet). */
export function micSupported(): boolean {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia
    && typeof AudioWorkletNode !== "undefined";
}
