// Compile-only check of the package's generated TypeScript types (tsc --noEmit --strict):
// the API the web app is written against, with real types rather than `any`.
import init, { Agent, parseDate, resolvePlace, understand } from "../pkg/united_voice.js";
import type { Booking, DateResult, PlaceResult, State, Turn, UnderstandingView } from "../pkg/united_voice.js";

export async function usage(audio: Blob): Promise<void> {
  await init();
  const agent = new Agent({ today: "2026-03-10", seed: 1, proxyBaseUrl: "", tiers: { stt: true, llm: false, tts: true } });
  const greeting: Turn = agent.greeting();
  const turn: Turn = await agent.respond("Hi");
  const heard: Turn = await agent.hear(audio);
  const segments: string[] = turn.segments;
  const state: State = agent.state;
  const asText: string = heard.state;
  const booking: Booking = agent.booking;
  const departure: string | null = booking.departure_date; // dates are "YYYY-MM-DD" strings
  const origin: string | undefined = booking.origin?.code;
  const price: number | undefined = greeting.offers[0]?.price_usd;
  const restored: Agent = Agent.restore(agent.snapshot());
  const date: DateResult = parseDate("tomorrow", "2026-03-10");
  if ("date" in date) {
    const iso: string = date.date;
  } else {
    const why: "past" | "invalid" | "beyond_window" | "before_departure" | "not_a_date" = date.error;
  }
  const place: PlaceResult = resolvePlace("O'Hare");
  if ("code" in place) {
    const kind: "airport" | "metro" = place.kind;
  } else {
    const candidates: string[] = place.candidates.map((c) => c.code);
  }
  const understood: UnderstandingView = understand("to Denver", "2026-03-10");
  const intent: string = understood.intent;
  void [segments, state, asText, departure, origin, price, restored, intent];

  // @ts-expect-error: not a State
  const wrongState: State = "flying";
  // @ts-expect-error: booking dates are strings, not JS Date objects
  const wrongDate: globalThis.Date | null = booking.departure_date;
  // @ts-expect-error: respond answers a Promise
  const notAwaited: Turn = agent.respond("Hi");
  // @ts-expect-error: unknown option name
  new Agent({ proxyBaseURL: "" });
  void [wrongState, wrongDate, notAwaited];
}

import { AudioQueue } from "../pkg/united_voice.js";
import type { Action, QueueStatus } from "../pkg/united_voice.js";

export function queueUsage(now: number): void {
  const queue = new AudioQueue({ segmentTimeoutMs: 4000, maxSegments: 32, maxBytes: 1 << 20 });
  const actions: Action[] = [...queue.beginTurn(1, 3, now), ...queue.segmentReady(1, 0, 1000, now)];
  for (const a of actions) {
    const kind: "play" | "stop" | "discard" = a.action;
    const key: string = `${a.turn}/${a.seq}`;
    void [kind, key];
  }
  queue.segmentFailed(1, 1, now);
  queue.playbackEnded(1, 0, now);
  queue.bargeIn(now);
  queue.tick(now);
  const status: QueueStatus = queue.status();
  if (status.status !== "idle") {
    const speakingOrWaiting: number = status.seq;
    void speakingOrWaiting;
  }
  // @ts-expect-error: status has no turn while idle
  const idleTurn: number = ({ status: "idle" } as QueueStatus).turn;
  void idleTurn;
}

import { silencePrompt, transcribe } from "../pkg/united_voice.js";
import type { Transcript } from "../pkg/united_voice.js";
import initEar, { VoiceActivity } from "../pkg/ear/united_voice_ear.js";
import type { TurnEvent } from "../pkg/ear/united_voice_ear.js";

export async function voiceUsage(audio: Blob, samples: Float32Array): Promise<void> {
  const heard: Transcript = await transcribe(audio, "");
  const text: string = "text" in heard ? heard.text : heard.failure;
  const prompt: string = silencePrompt("collecting_origin", false);
  await initEar();
  const voice = new VoiceActivity({ sampleRate: 48_000, ear: "interim", bargeInMs: 300 });
  const events: TurnEvent[] = [...voice.push(samples), ...voice.words("stop"), ...voice.heard("Boston")];
  for (const e of events) {
    if (e.event === "pause") {
      const delay: number = e.at_ms - e.onset_ms;
      void delay;
    }
  }
  const wav: Uint8Array | undefined = voice.takeUtterance();
  // @ts-expect-error: the ear is one of two names
  voice.setEar("telepathy");
  void [text, prompt, wav];
}
