/** The microphone for a hands-free call: getUserMedia with the browser's echo cancellation,
 * noise suppression and gain control on (Alex's voice must not be heard as the caller), and an
 * AudioWorklet that hands the samples to the page in small chunks for the wasm detector. */

import { micSupported } from "./support";

/** Samples per chunk posted by the worklet (about 10.7 ms at 48 kHz). */
const CHUNK = 512;

/** The worklet's code, loaded from a Blob URL: no extra file for the build to know about. */
const WORKLET = `
class UvTap extends AudioWorkletProcessor {
  constructor() { super(); this.buf = new Float32Array(${CHUNK}); this.n = 0; }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      for (let i = 0; i < channel.length; i++) {
        this.buf[this.n++] = channel[i];
        if (this.n === this.buf.length) {
          this.port.postMessage(this.buf, [this.buf.buffer]);
          this.buf = new Float32Array(${CHUNK});
          this.n = 0;
        }
      }
    }
    return true;
  }
}
registerProcessor("uv-tap", UvTap);
`;

export class Mic {
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;

  static supported(): boolean {
    return micSupported();
  }

  /** The sample rate of the chunks (known once started). */
  get sampleRate(): number {
    return this.context?.sampleRate ?? 48_000;
  }

  /** Ask for the microphone and start posting chunks. Throws getUserMedia's error. */
  async start(onChunk: (samples: Float32Array) => void): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    });
    this.stream = stream;
    const context = new AudioContext();
    this.context = context;
    const url = URL.createObjectURL(new Blob([WORKLET], { type: "text/javascript" }));
    try {
      await context.audioWorklet.addModule(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    const tap = new AudioWorkletNode(context, "uv-tap", { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1 });
    tap.port.onmessage = (e: MessageEvent<Float32Array>) => onChunk(e.data);
    const silent = context.createGain();
    silent.gain.value = 0;
    context.createMediaStreamSource(stream).connect(tap).connect(silent).connect(context.destination);
    if (context.state === "suspended") await context.resume().catch(() => undefined);
  }

  stop(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
