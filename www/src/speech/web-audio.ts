/** The Web Audio side of server speech: fetch a segment from the proxy, decode, play. */

import type { SpeechIo } from "./queued-speech";

let context: AudioContext | null = null;

/** One AudioContext for the page, resumed on a user gesture (autoplay rules). */
export function audioContext(): AudioContext {
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume().catch(() => undefined);
  return context;
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
      source.connect(ctx.destination);
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
