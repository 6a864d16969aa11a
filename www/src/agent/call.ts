/** The call as the screen shows it, as one pure reducer: what happened (a turn, a failure, the
 * microphone, Alex's voice) in, the next screen state out. useAgent owns the effects. */

import type { TranscriptEntry } from "../lib/session";
import type { BargeIn, EarKind, TurnTiming } from "../voice/hands-free";
import type { Tiers, Turn } from "./types";

export type Status = "ready" | "listening" | "thinking" | "speaking";

export interface CallState {
  /** Why the wasm agent could not load (the page is useless until a reload). */
  loadError: string | null;
  /** The agent is loaded and greeted (or resumed). */
  ready: boolean;
  /** The server tiers; null until /api/health has answered. */
  tiers: Tiers | null;
  entries: TranscriptEntry[];
  /** The last turn: state, booking card and offers come from it. */
  turn: Turn | null;
  thinking: boolean;
  recording: boolean;
  speaking: boolean;
  /** Microphone input level 0..1 while recording. */
  level: number;
  elapsedMs: number;
  muted: boolean;
  /** A problem shown under the transcript (failed turn, microphone, too short a press). */
  notice: string | null;
  /** What the polite live region reads out. */
  announcement: string;
  /** A hands-free call is on (the microphone listens; no button to press). */
  inCall: boolean;
  /** Which recogniser hears the caller (null before a call or hold-to-talk decides). */
  ear: EarKind | null;
  /** The caller is talking (the voice-activity detector says so). */
  talking: boolean;
  /** Words as heard so far (the browser recogniser's interim words). */
  interim: string;
  /** The last turns' latency, newest first. */
  timings: TurnTiming[];
  /** The last interruption of Alex, as measured in the page. */
  bargeIn: BargeIn | null;
}

export const INITIAL_CALL: CallState = {
  loadError: null,
  ready: false,
  tiers: null,
  entries: [],
  turn: null,
  thinking: false,
  recording: false,
  speaking: false,
  level: 0,
  elapsedMs: 0,
  muted: false,
  notice: null,
  announcement: "",
  inCall: false,
  ear: null,
  talking: false,
  interim: "",
  timings: [],
  bargeIn: null,
};

export type CallEvent =
  | { type: "load_failed"; message: string }
  | { type: "tiers"; tiers: Tiers }
  | { type: "ready" }
  /** A new agent: empty transcript and card (its greeting follows as a turn). */
  | { type: "started" }
  /** A saved session resumed: its transcript and, when it is still a turn, its last turn. */
  | { type: "restored"; entries: TranscriptEntry[]; turn: Turn | null }
  /** Alex answered; `withUser` adds what the caller said to the transcript first. */
  | { type: "turn"; turn: Turn; withUser: boolean }
  | { type: "thinking"; on: boolean }
  /** A turn failed or the microphone could not start: shown and announced. */
  | { type: "failed"; message: string }
  /** Shown only (null clears it). */
  | { type: "notice"; message: string | null }
  | { type: "recording"; on: boolean }
  | { type: "level"; level: number }
  | { type: "elapsed"; ms: number }
  | { type: "speaking"; on: boolean }
  | { type: "muted"; on: boolean }
  | { type: "call"; on: boolean }
  | { type: "ear"; ear: EarKind | null }
  | { type: "talking"; on: boolean }
  | { type: "interim"; text: string }
  /** Alex said something that is not a turn of the agent (a silence re-prompt). */
  | { type: "alex_said"; text: string }
  | { type: "timing"; timing: TurnTiming }
  | { type: "barge_in"; measure: BargeIn }
  /** The caller cut Alex off: his last entry shows only what was heard, "…" where it stopped. */
  | { type: "cut"; heard: string };

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case "load_failed":
      return { ...state, loadError: event.message };
    case "tiers":
      return { ...state, tiers: event.tiers };
    case "ready":
      return { ...state, ready: true };
    case "started":
      return { ...state, entries: [], turn: null };
    case "restored":
      return { ...state, entries: event.entries, turn: event.turn, announcement: "Your booking was restored." };
    case "turn": {
      const { turn, withUser } = event;
      let id = state.entries.reduce((max, e) => Math.max(max, e.id), 0);
      const added: TranscriptEntry[] = [];
      if (withUser && turn.user.trim()) added.push({ id: ++id, who: "caller", text: turn.user });
      added.push({ id: ++id, who: "alex", text: turn.display || turn.reply });
      return { ...state, entries: [...state.entries, ...added], turn, announcement: `Alex: ${turn.display || turn.reply}` };
    }
    case "thinking":
      return event.on ? { ...state, thinking: true, notice: null } : { ...state, thinking: false };
    case "failed":
      return { ...state, notice: event.message, announcement: event.message };
    case "notice":
      return { ...state, notice: event.message };
    case "recording":
      return event.on
        ? { ...state, recording: true, elapsedMs: 0, notice: null }
        : { ...state, recording: false };
    case "level":
      return { ...state, level: event.level };
    case "elapsed":
      return { ...state, elapsedMs: event.ms };
    case "speaking":
      return { ...state, speaking: event.on };
    case "muted":
      return { ...state, muted: event.on };
    case "call":
      return event.on ? { ...state, inCall: true, notice: null } : { ...state, inCall: false, talking: false, interim: "", level: 0 };
    case "ear":
      return { ...state, ear: event.ear };
    case "talking":
      return { ...state, talking: event.on };
    case "interim":
      return { ...state, interim: event.text };
    case "cut": {
      const last = state.entries.map((e) => e.who).lastIndexOf("alex");
      if (last < 0) return state;
      const entries = state.entries.map((e, i) => (i === last ? { ...e, text: event.heard ? `${event.heard} …` : "…" } : e));
      return { ...state, entries };
    }
    case "alex_said": {
      const id = state.entries.reduce((max, e) => Math.max(max, e.id), 0) + 1;
      return { ...state, entries: [...state.entries, { id, who: "alex", text: event.text }], announcement: `Alex: ${event.text}` };
    }
    case "timing": {
      // A turn's timing is dispatched again as its marks come in: its end of speech names it.
      const rest = state.timings.filter((t) => t.speechEnd !== event.timing.speechEnd);
      return { ...state, timings: [{ ...event.timing }, ...rest].slice(0, 5) };
    }
    case "barge_in":
      return { ...state, bargeIn: event.measure };
  }
}

/** What the status line says: the microphone first, then the agent, then Alex's voice; in a
 * hands-free call, when nobody talks, Alex is listening. */
export function callStatus(state: CallState): Status {
  if (state.recording || state.talking) return "listening";
  if (state.thinking) return "thinking";
  if (state.speaking) return "speaking";
  return state.inCall ? "listening" : "ready";
}
