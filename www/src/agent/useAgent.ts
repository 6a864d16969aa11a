/** The call with Alex, owned in one place: the wasm agent's lifecycle (load, greet, resume,
 * start over), what the caller types, says or taps, Alex's voice (server queue or browser),
 * the reload-safe session and the server tiers. Components only render what it returns. */

import { useCallback, useEffect, useReducer, useRef } from "react";
import type { Agent } from "united-voice";
import { MIN_RECORDING_MS, micProblem, micProblemMessage } from "../lib/audio";
import { fetchHealth } from "../lib/health";
import { clearSession, loadSession, saveSession } from "../lib/session";
import { Speaker } from "../speech/speaker";
import { audioContext } from "../speech/web-audio";
import { Recorder } from "../voice/recorder";
import { callReducer, callStatus, INITIAL_CALL, type CallState, type Status } from "./call";
import { loadAgentModule, type AgentModule } from "./load";
import { isTurn, type Tiers, type Turn } from "./types";

/** Today in the caller's time zone, or ?today=YYYY-MM-DD for reproducible demos and tests. */
function today(params: URLSearchParams): string {
  const forced = params.get("today");
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The call's seed: ?seed=N (a whole number) for reproducible offers, else 53 random bits from
 * the browser's crypto. (`Number(null)` is 0, so a missing parameter must not count as one:
 * every visitor would get the same offers and the same order keys.) */
export function seed(params: URLSearchParams): number {
  const given = params.get("seed");
  const forced = given === null || given.trim() === "" ? NaN : Number(given);
  if (Number.isSafeInteger(forced) && forced >= 0) return forced;
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x1fffff) * 2 ** 32 + low;
}

export interface Call extends CallState {
  status: Status;
  /** Hold-to-talk is offered: the server transcribes and this browser can record. */
  voiceOn: boolean;
  sendText(text: string): void;
  /** The caller picked offer `option` (1-based, as the caller would say it). */
  choose(option: number): void;
  startTalking(): void;
  stopTalking(): Promise<void>;
  newBooking(): void;
  toggleMute(): void;
}

export function useAgent(): Call {
  const [call, dispatch] = useReducer(callReducer, INITIAL_CALL);
  const moduleRef = useRef<AgentModule | null>(null);
  const agentRef = useRef<Agent | null>(null);
  const speakerRef = useRef<Speaker | null>(null);
  const recorderRef = useRef<Recorder | null>(null);
  const startingRef = useRef<Promise<void> | null>(null);

  speakerRef.current ??= new Speaker((on) => dispatch({ type: "speaking", on }));

  /** Show and speak one turn of the agent. */
  const show = useCallback((turn: Turn, withUser: boolean) => {
    dispatch({ type: "turn", turn, withUser });
    speakerRef.current?.speak(turn.segments.length ? turn.segments : [turn.reply]);
  }, []);

  // Every turn shown is saved with the agent's snapshot, so a reload resumes the call.
  const { turn, entries } = call;
  useEffect(() => {
    const agent = agentRef.current;
    if (!agent || !turn) return;
    saveSession(sessionStorage, { snapshot: agent.snapshot(), transcript: entries, lastTurn: turn });
    // Keyed on the turn alone: the transcript changes with it, in the same event.
  }, [turn]);

  const startFresh = useCallback((mod: AgentModule, tiers: Tiers) => {
    const params = new URLSearchParams(location.search);
    agentRef.current?.free();
    const agent = new mod.Agent({ today: today(params), seed: seed(params), proxyBaseUrl: location.origin, tiers });
    agentRef.current = agent;
    dispatch({ type: "started" });
    show(agent.greeting(), false);
  }, [show]);

  // Start-up: tiers and the wasm agent in parallel, then resume the session or greet.
  useEffect(() => {
    let live = true;
    Promise.all([fetchHealth(), loadAgentModule()])
      .then(([tiers, mod]) => {
        if (!live) return;
        moduleRef.current = mod;
        dispatch({ type: "tiers", tiers });
        speakerRef.current?.useServer(tiers.tts ? new mod.AudioQueue() : null);
        const saved = loadSession(sessionStorage);
        if (saved) {
          try {
            agentRef.current = mod.Agent.restore(saved.snapshot, { proxyBaseUrl: location.origin, tiers });
            dispatch({ type: "restored", entries: saved.transcript, turn: isTurn(saved.lastTurn) ? saved.lastTurn : null });
          } catch {
            clearSession(sessionStorage);
            startFresh(mod, tiers);
          }
        } else {
          startFresh(mod, tiers);
        }
        dispatch({ type: "ready" });
      })
      .catch((error: unknown) => {
        if (live) dispatch({ type: "load_failed", message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, [startFresh]);

  /** One turn of work on the agent; a failure is shown and announced, never thrown. */
  const run = useCallback(async (work: (agent: Agent) => Promise<Turn>, failure: string) => {
    const agent = agentRef.current;
    if (!agent) return;
    dispatch({ type: "thinking", on: true });
    try {
      show(await work(agent), true);
    } catch {
      dispatch({ type: "failed", message: failure });
    } finally {
      dispatch({ type: "thinking", on: false });
    }
  }, [show]);

  const sendText = useCallback((text: string) => {
    audioContext();
    speakerRef.current?.bargeIn();
    void run((agent) => agent.respond(text), "Sorry, something went wrong. Please try again.");
  }, [run]);

  /** An offer tapped on screen: a typed action (`Agent.choose`), not words to understand. */
  const choose = useCallback((option: number) => {
    audioContext();
    speakerRef.current?.bargeIn();
    void run((agent) => agent.choose(option), "Sorry, something went wrong. Please try again.");
  }, [run]);

  const stopTalking = useCallback(async () => {
    const recorder = recorderRef.current;
    if (!recorder) return;
    recorderRef.current = null;
    await startingRef.current?.catch(() => undefined);
    const startedAt = recorder.startedAt;
    const clip = await recorder.stop();
    dispatch({ type: "recording", on: false });
    if (!clip) return;
    if (performance.now() - startedAt < MIN_RECORDING_MS) {
      dispatch({ type: "notice", message: "Hold the button while you speak, then release." });
      return;
    }
    await run((agent) => agent.hear(clip), "Sorry, I couldn't hear that. Please try again or type your answer.");
  }, [run]);

  const { ready, thinking } = call;
  const startTalking = useCallback(() => {
    if (recorderRef.current || thinking || !ready) return;
    audioContext();
    speakerRef.current?.bargeIn();
    const recorder = new Recorder({
      onLevel: (level) => dispatch({ type: "level", level }),
      onCapReached: () => void stopTalking(),
    });
    recorderRef.current = recorder;
    dispatch({ type: "recording", on: true });
    startingRef.current = recorder.start().catch((error: unknown) => {
      recorderRef.current = null;
      dispatch({ type: "recording", on: false });
      dispatch({ type: "failed", message: micProblemMessage(micProblem(error)) });
    });
  }, [ready, thinking, stopTalking]);

  // Recording timer.
  useEffect(() => {
    if (!call.recording) return;
    const started = performance.now();
    const timer = setInterval(() => dispatch({ type: "elapsed", ms: performance.now() - started }), 200);
    return () => clearInterval(timer);
  }, [call.recording]);

  const { tiers, muted } = call;
  const newBooking = useCallback(() => {
    const mod = moduleRef.current;
    if (!mod || !tiers) return;
    speakerRef.current?.bargeIn();
    clearSession(sessionStorage);
    dispatch({ type: "notice", message: null });
    startFresh(mod, tiers);
  }, [tiers, startFresh]);

  const toggleMute = useCallback(() => {
    const speaker = speakerRef.current;
    if (!speaker) return;
    speaker.muted = !muted;
    if (!muted) speaker.bargeIn();
    dispatch({ type: "muted", on: !muted });
  }, [muted]);

  return {
    ...call,
    status: callStatus(call),
    voiceOn: !!tiers?.stt && Recorder.supported(),
    sendText,
    choose,
    startTalking,
    stopTalking,
    newBooking,
    toggleMute,
  };
}
