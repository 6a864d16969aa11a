/** Hold-to-talk recording: microphone -> MediaRecorder (best supported type) plus an
 * AnalyserNode for the live level meter. One instance per press. */

import { levelFromTimeDomain, MAX_RECORDING_MS, pickRecorderType } from "../lib/audio";

export interface RecorderCallbacks {
  onLevel(level: number): void;
  /** The 30 s cap was reached: the app should stop and send. */
  onCapReached(): void;
}

export class Recorder {
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];
  private audioContext: AudioContext | null = null;
  private frame = 0;
  private capTimer: ReturnType<typeof setTimeout> | null = null;
  private cancelled = false;
  startedAt = 0;

  constructor(private readonly callbacks: RecorderCallbacks) {}

  static supported(): boolean {
    return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia && typeof MediaRecorder !== "undefined";
  }

  /** Throws the getUserMedia / MediaRecorder error (see micProblem). */
  async start(): Promise<void> {
    if (!Recorder.supported()) throw new TypeError("recording unsupported");
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
    });
    if (this.cancelled) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    const type = pickRecorderType((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 32_000 } : undefined);
    this.recorder = recorder;
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    recorder.start(250);
    this.startedAt = performance.now();
    this.capTimer = setTimeout(() => this.callbacks.onCapReached(), MAX_RECORDING_MS);
    this.meter(stream);
  }

  private meter(stream: MediaStream): void {
    try {
      const ctx = new AudioContext();
      this.audioContext = ctx;
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 512;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      const loop = () => {
        analyser.getByteTimeDomainData(samples);
        this.callbacks.onLevel(levelFromTimeDomain(samples));
        this.frame = requestAnimationFrame(loop);
      };
      loop();
    } catch {
      // no meter, still records
    }
  }

  /** Stop and return the clip (null when nothing was recorded). */
  async stop(): Promise<Blob | null> {
    const recorder = this.recorder;
    if (!recorder || recorder.state === "inactive") {
      this.cancelled = true;
      this.release();
      return null;
    }
    const done = new Promise<void>((resolve) => {
      recorder.onstop = () => resolve();
    });
    recorder.stop();
    await done;
    const type = recorder.mimeType || "audio/webm";
    this.release();
    return this.chunks.length ? new Blob(this.chunks, { type }) : null;
  }

  private release(): void {
    if (this.capTimer) clearTimeout(this.capTimer);
    cancelAnimationFrame(this.frame);
    this.callbacks.onLevel(0);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
  }
}
