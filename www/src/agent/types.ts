/** The agent's types are the ones wasm-pack generates from the Rust types (tsify), imported
 * from the `united-voice` package: one definition, in Rust, so the app cannot drift from what
 * the agent sends. This module only re-exports them and adds what is the app's own. */

import type { AudioQueue, Booking, Turn } from "united-voice";

export type {
  Action, AgentOptions, Booking, Cabin, Intent, Offer, PlaceView, QueueStatus, State, Tier, Tiers,
  TripType, Turn,
} from "united-voice";

/** What speech needs of the wasm AudioQueue: the class satisfies it, tests pass stand-ins. */
export type AudioQueueLike = Pick<
  AudioQueue,
  "beginTurn" | "segmentReady" | "segmentFailed" | "playbackEnded" | "bargeIn" | "tick" | "status"
>;

/** The booking card before the first turn. */
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

/** A turn saved in the session (JSON written by this app) is shown again only if it still has
 * a turn's shape: sessionStorage is not trusted. */
export function isTurn(value: unknown): value is Turn {
  if (typeof value !== "object" || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t.user === "string" && typeof t.reply === "string" && typeof t.state === "string"
    && typeof t.tier === "string" && Array.isArray(t.segments) && Array.isArray(t.offers)
    && typeof t.booking === "object" && t.booking !== null;
}
