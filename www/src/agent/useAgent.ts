/** The call with Alex, owned in one place: the wasm agent's lifecycle (load, greet, resume,
 * start over), what the caller types, says or taps, Alex's voice (server queue or browser),
 * the reload-safe session and the server tiers. Components only render what it returns. */

import { useCallback, useEffect, useReducer, useRef } from "react";
import { silencePrompt, transcribe, type Agent } from "united-voice";
import { MIN_RECORDING_MS, micProblem, micProblemMessage } from "../lib/audio";
import { fetchHealth } from "../lib/health";
import { clearSession, loadSession, saveSession } from "../lib/session";
import { BrowserSpeech } from "../speech/browser-speech";
import { Speaker, type Interruption } from "../speech/speaker";
import { audioContext } from "../speech/web-audio";
import { loadCallKit } from "../voice/ear";
import type { EarKind, HandsFree, SttOutcome, TurnTiming } from "../voice/hands-free";
import type { Mic } from "../voice/mic";
import { micSupported, recognitionSupported } from "../voice/support";
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
  /** Start a hands-free call (the first gesture: unlocks audio, asks for the microphone). */
  startCall(): void;
  endCall(): void;
  /** A hands-free call is possible here: a microphone, and a recogniser (server or browser). */
  callPossible: boolean;
}

/** What the caller reads when a recogniser fails, whatever the cause. */
export const STT_TROUBLE = "I'm having trouble hearing you, you can type instead.";

/** The next ear after the one that failed: server -> browser recognition -> typing. */
function fallbackEar(failed: EarKind): EarKind {
  return failed === "server" && recognitionSupported() ? "browser" : "none";
}

/** Kept for the page's diagnostics (the E2E reads it): where Alex was cut off. */
function noteInterruption(where: Interruption): void {
  (window as unknown as { __lastInterruption?: Interruption }).__lastInterruption = where;
}

export function useAgent(): Call {
  const [call, dispatch] = useReducer(callReducer, INITIAL_CALL);
  const moduleRef = useRef<AgentModule | null>(null);
  const agentRef = useRef<Agent | null>(null);
  const speakerRef = useRef<Speaker | null>(null);
  const recorderRef = useRef<Recorder | null>(null);
  const startingRef = useRef<Promise<void> | null>(null);

  const handsFreeRef = useRef<HandsFree | null>(null);
  /** A call is being set up (the detector loads, the microphone is asked for). */
  const startingCallRef = useRef(false);
  /** The turn whose latency is being measured (first audio is the last mark). */
  const timingRef = useRef<TurnTiming | null>(null);

  if (!speakerRef.current) {
    const speaker = new Speaker((on) => {
      dispatch({ type: "speaking", on });
      if (on) handsFreeRef.current?.alexStarted();
      else handsFreeRef.current?.alexFinished();
    });
    // The turn's last latency mark: Alex's first sound.
    speaker.onAudio = () => {
      const timing = timingRef.current;
      if (!timing || timing.reply === undefined) return;
      timing.firstAudio = performance.now();
      dispatch({ type: "timing", timing });
      timingRef.current = null;
    };
    speakerRef.current = speaker;
  }

  /** Show and speak one turn of the agent. */
  const show = useCallback((turn: Turn, withUser: boolean) => {
    dispatch({ type: "turn", turn, withUser });
    speakerRef.current?.speak(turn.segments.length ? turn.segments : [turn.reply]);
  }, []);

  /** The app stops Alex itself (typed input, a tap, mute): no re-prompt and no resume. */
  const silenceAlex = useCallback(() => {
    handsFreeRef.current?.alexStopped();
    handsFreeRef.current?.callerActed();
    speakerRef.current?.bargeIn();
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
  const run = useCallback(async (work: (agent: Agent) => Promise<Turn>, failure: string, timing?: TurnTiming) => {
    const agent = agentRef.current;
    if (!agent) return;
    dispatch({ type: "thinking", on: true });
    try {
      const turn = await work(agent);
      if (timing) {
        timing.reply = performance.now();
        timingRef.current = timing;
        dispatch({ type: "timing", timing });
      }
      show(turn, true);
    } catch {
      dispatch({ type: "failed", message: failure });
    } finally {
      dispatch({ type: "thinking", on: false });
    }
  }, [show]);

  const sendText = useCallback((text: string) => {
    audioContext();
    silenceAlex();
    void run((agent) => agent.respond(text), "Sorry, something went wrong. Please try again.");
  }, [run, silenceAlex]);

  /** An offer tapped on screen: a typed action (`Agent.choose`), not words to understand. */
  const choose = useCallback((option: number) => {
    audioContext();
    silenceAlex();
    void run((agent) => agent.choose(option), "Sorry, something went wrong. Please try again.");
  }, [run, silenceAlex]);

  /** A recogniser failed: say so (not "say it again": nothing was misheard) and move to the
   * next ear. */
  const sttFailed = useCallback((failed: EarKind) => {
    const next = fallbackEar(failed);
    dispatch({ type: "failed", message: STT_TROUBLE });
    dispatch({ type: "ear", ear: next });
    handsFreeRef.current?.setEar(next);
  }, []);

  /** The server recogniser, with the failure kept apart from "nothing heard". */
  const serverTranscribe = useCallback(async (clip: Blob): Promise<SttOutcome> => {
    try {
      return await transcribe(clip, location.origin, agentRef.current?.vocabulary);
    } catch {
      return { failure: "network" };
    }
  }, []);

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
    const timing: TurnTiming = { speechEnd: performance.now() };
    dispatch({ type: "thinking", on: true });
    const outcome = await serverTranscribe(clip);
    dispatch({ type: "thinking", on: false });
    if ("failure" in outcome) {
      sttFailed("server");
      return;
    }
    timing.transcript = performance.now();
    if (!outcome.text.trim()) {
      dispatch({ type: "failed", message: "I didn't hear any words. Try again a little closer to the microphone, or type below." });
      return;
    }
    await run((agent) => agent.respond(outcome.text), "Sorry, something went wrong. Please try again.", timing);
  }, [run, serverTranscribe, sttFailed]);

  const { ready, thinking } = call;
  const startTalking = useCallback(() => {
    if (recorderRef.current || thinking || !ready) return;
    audioContext();
    silenceAlex();
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
  }, [ready, thinking, stopTalking, silenceAlex]);

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
    silenceAlex();
    clearSession(sessionStorage);
    dispatch({ type: "notice", message: null });
    startFresh(mod, tiers);
  }, [tiers, startFresh, silenceAlex]);

  const toggleMute = useCallback(() => {
    const speaker = speakerRef.current;
    if (!speaker) return;
    speaker.muted = !muted;
    if (!muted) silenceAlex();
    dispatch({ type: "muted", on: !muted });
  }, [muted, silenceAlex]);

  const endCall = useCallback(() => {
    handsFreeRef.current?.stop();
    handsFreeRef.current = null;
    // Alex may have been paused or lowered by the caller's speech: back to normal.
    speakerRef.current?.duck(false);
    void speakerRef.current?.pause(false);
    dispatch({ type: "call", on: false });
  }, []);

  /** The caller's first gesture: unlock audio (Web Audio and speechSynthesis are blocked until
   * one), ask for the microphone, load the detector, and have Alex greet aloud. */
  const startCall = useCallback(() => {
    if (handsFreeRef.current || startingCallRef.current || !tiers) return;
    startingCallRef.current = true;
    const ctx = audioContext();
    const browserVoice = !tiers.tts && BrowserSpeech.available();
    if (browserVoice) {
      // An utterance spoken inside the gesture unlocks speechSynthesis for later ones.
      const warmUp = new SpeechSynthesisUtterance(" ");
      warmUp.volume = 0;
      window.speechSynthesis.speak(warmUp);
    }
    const ear: EarKind = tiers.stt ? "server" : recognitionSupported() ? "browser" : "none";
    dispatch({ type: "ear", ear });
    dispatch({ type: "call", on: true });
    const speaker = speakerRef.current!;
    let mic: Mic | null = null;
    void (async () => {
      try {
        const { VoiceActivity, HandsFree, Mic, BrowserRecognition } = await loadCallKit();
        mic = new Mic();
        const recognition = recognitionSupported()
          ? new BrowserRecognition({
              onWords: (text) => handsFreeRef.current?.words(text),
              onFailure: () => sttFailed("browser"),
            })
          : null;
        let handsFree: HandsFree | null = null;
        // The microphone's rate is known once it runs; chunks before the detector are dropped.
        await mic.start((samples) => handsFree?.push(samples));
        handsFree = new HandsFree(
          new VoiceActivity({ sampleRate: Math.round(mic.sampleRate), ear: ear === "browser" ? "interim" : "after_utterance" }),
          mic,
          speaker,
          {
            level: (level) => dispatch({ type: "level", level }),
            talking: (on) => dispatch({ type: "talking", on }),
            words: (text) => dispatch({ type: "interim", text }),
            transcribe: serverTranscribe,
            sttFailed: () => sttFailed(handsFreeRef.current?.earKind ?? "server"),
            respond: (text, timing) => {
              dispatch({ type: "timing", timing });
              void run((agent) => agent.respond(text), "Sorry, something went wrong. Please try again.", timing);
            },
            reprompt: (last) => {
              const agent = agentRef.current;
              if (!agent) return;
              const text = silencePrompt(agent.state, last);
              dispatch({ type: "alex_said", text });
              if (last) dispatch({ type: "notice", message: "You can also type your answer below." });
              speaker.speak([text]);
            },
            interrupted: (where) => {
              noteInterruption(where);
              // The call keeps only what was heard; options never heard are read again; the
              // transcript shows what was played.
              agentRef.current?.interrupted(where.played);
              dispatch({ type: "cut", heard: where.segments.slice(0, where.played).join(" ") });
            },
            bargeIn: (measure) => dispatch({ type: "barge_in", measure }),
          },
          ear,
          recognition,
        );
        handsFreeRef.current = handsFree;
        if (speaker.speaking) handsFree.alexStarted();
        if (ear === "browser") recognition?.start();
        if (ctx.state !== "running") {
          dispatch({ type: "notice", message: "Your browser kept Alex's voice off; the call goes on in text." });
        } else if (browserVoice && (await BrowserSpeech.voiceCount()) === 0) {
          dispatch({ type: "notice", message: "This browser has no voice for Alex; the call goes on in text." });
        }
        // Alex greets aloud (or says his last question again when the call is resumed).
        const last = agentRef.current ? lastReply.current : null;
        if (last && !speaker.speaking) speaker.speak(last);
      } catch (error: unknown) {
        handsFreeRef.current = null;
        mic?.stop();
        dispatch({ type: "call", on: false });
        dispatch({ type: "failed", message: micProblemMessage(micProblem(error)) });
      } finally {
        startingCallRef.current = false;
      }
    })();
  }, [tiers, run, serverTranscribe, sttFailed]);

  // Alex's last words, to say again when a call starts.
  const lastReply = useRef<string[] | null>(null);
  lastReply.current = call.turn ? (call.turn.segments.length ? call.turn.segments : [call.turn.reply]) : null;

  // A call ends with the page.
  useEffect(() => () => handsFreeRef.current?.stop(), []);

  return {
    ...call,
    status: callStatus(call),
    voiceOn: !!tiers?.stt && Recorder.supported(),
    callPossible: !!tiers && micSupported() && (tiers.stt || recognitionSupported()),
    startCall,
    endCall,
    sendText,
    choose,
    startTalking,
    stopTalking,
    newBooking,
    toggleMute,
  };
}
