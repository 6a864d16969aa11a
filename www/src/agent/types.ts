/** The shapes the wasm agent returns (see the crate's BookingView / Turn / Offer). The app only
 * renders them: every conversation decision is made in the agent. */

export type Tier = "rules" | "llm" | "rules_after_llm_failure";
export type Cabin = "economy" | "premium_economy" | "business" | "first";
export type TripType = "one_way" | "round_trip";

export interface PlaceView {
  code: string;
  name: string;
}

export interface Offer {
  option: number;
  airline: string;
  flight_number: string;
  from: string;
  to: string;
  date: string;
  depart_time: string;
  arrive_time: string;
  arrival_day_offset: number;
  duration_minutes: number;
  stops: number;
  cabin: Cabin;
  price_usd: number;
  return_flight: Offer | null;
}

export interface Booking {
  name: string | null;
  origin: PlaceView | null;
  destination: PlaceView | null;
  trip_type: TripType | null;
  departure_date: string | null;
  return_date: string | null;
  passengers: number;
  cabin: Cabin | null;
  flight: Offer | null;
  confirmed: boolean;
}

export interface Turn {
  user: string;
  reply: string;
  segments: string[];
  state: string;
  intent: string;
  tier: Tier;
  booking: Booking;
  offers: Offer[];
}

export interface Tiers {
  stt: boolean;
  llm: boolean;
  tts: boolean;
}

export interface QueueAction {
  action: "play" | "stop" | "discard";
  turn: number;
  seq: number;
}

export interface QueueStatus {
  status: "idle" | "speaking" | "waiting";
  turn?: number;
  seq?: number;
}

export interface AgentConfig {
  today?: string;
  seed?: number;
  proxyBaseUrl?: string;
  tiers?: Tiers;
}

/** What the app needs from the agent object (the wasm class satisfies it). */
export interface AgentLike {
  greeting(): Turn;
  respond(text: string): Promise<Turn>;
  hear(audio: Blob): Promise<Turn>;
  snapshot(): string;
  free?(): void;
}

export interface AudioQueueLike {
  beginTurn(turn: number, segments: number, nowMs: number): QueueAction[];
  segmentReady(turn: number, seq: number, bytes: number, nowMs: number): QueueAction[];
  segmentFailed(turn: number, seq: number, nowMs: number): QueueAction[];
  playbackEnded(turn: number, seq: number, nowMs: number): QueueAction[];
  bargeIn(nowMs: number): QueueAction[];
  tick(nowMs: number): QueueAction[];
  status(): QueueStatus;
}

export const EMPTY_BOOKING: Booking = {
  name: null,
  origin: null,
  destination: null,
  trip_type: null,
  departure_date: null,
  return_date: null,
  passengers: 1,
  cabin: null,
  flight: null,
  confirmed: false,
};
