import { useCallback, useEffect, useRef, useState } from "react";
import { loadAgentModule, type AgentModule } from "./agent/load";
import type { Agent } from "united-voice";
import { EMPTY_BOOKING, isTurn, type Tiers, type Turn } from "./agent/types";
import { BookingCard } from "./components/BookingCard";
import { OfferList } from "./components/OfferList";
import { TalkButton } from "./components/TalkButton";
import { TextInput } from "./components/TextInput";
import { TierBadges } from "./components/TierBadges";
import { Transcript } from "./components/Transcript";
import { MIN_RECORDING_MS, micProblem, micProblemMessage } from "./lib/audio";
import { fetchHealth } from "./lib/health";
import { clearSession, loadSession, saveSession, type TranscriptEntry } from "./lib/session";
import { Speaker } from "./speech/speaker";
import { audioContext } from "./speech/web-audio";
import { Recorder } from "./voice/recorder";

type Status = "ready" | "listening" | "thinking" | "speaking";
const STATUS_TEXT: Record<Status, string> = {
  ready: "Ready",
  listening: "Listening…",
  thinking: "Thinking…",
  speaking: "Alex is speaking",
};

/** Today in the caller's time zone, or ?today= for reproducible demos and tests. */
function today(params: URLSearchParams): string {
  const forced = params.get("today");
  if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function seed(params: URLSearchParams): number {
  const forced = Number(params.get("seed"));
  return Number.isInteger(forced) && forced >= 0 ? forced : Math.floor(Math.random() * 2 ** 31);
}

export function App() {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [tiers, setTiers] = useState<Tiers | null>(null);
  const [entries, setEntries] = useState<TranscriptEntry[]>([]);
  const [turn, setTurn] = useState<Turn | null>(null);
  const [thinking, setThinking] = useState(false);
  const [recording, setRecording] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [level, setLevel] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [muted, setMuted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const moduleRef = useRef<AgentModule | null>(null);
  const agentRef = useRef<Agent | null>(null);
  const tiersRef = useRef<Tiers | null>(null);
  const entriesRef = useRef<TranscriptEntry[]>([]);
  const speakerRef = useRef<Speaker | null>(null);
  const recorderRef = useRef<Recorder | null>(null);
  const startingRef = useRef<Promise<void> | null>(null);
  const nextId = useRef(1);

  speakerRef.current ??= new Speaker(setSpeaking);

  const persist = useCallback((lastTurn: Turn | null) => {
    const agent = agentRef.current;
    if (!agent) return;
    saveSession(sessionStorage, { snapshot: agent.snapshot(), transcript: entriesRef.current, lastTurn });
  }, []);

  const addEntries = useCallback((added: Omit<TranscriptEntry, "id">[]) => {
    const next = [...entriesRef.current, ...added.map((e) => ({ ...e, id: nextId.current++ }))];
    entriesRef.current = next;
    setEntries(next);
  }, []);

  /** Show and speak one turn of the agent. */
  const showTurn = useCallback((t: Turn, withUser: boolean) => {
    const added: Omit<TranscriptEntry, "id">[] = [];
    if (withUser && t.user.trim()) added.push({ who: "caller", text: t.user });
    added.push({ who: "alex", text: t.reply });
    addEntries(added);
    setTurn(t);
    setAnnouncement(`Alex: ${t.reply}`);
    persist(t);
    speakerRef.current?.speak(t.segments.length ? t.segments : [t.reply]);
  }, [addEntries, persist]);

  const freshAgent = useCallback((mod: AgentModule, activeTiers: Tiers) => {
    const params = new URLSearchParams(location.search);
    agentRef.current?.free();
    const agent = new mod.Agent({ today: today(params), seed: seed(params), proxyBaseUrl: location.origin, tiers: activeTiers });
    agentRef.current = agent;
    entriesRef.current = [];
    setEntries([]);
    showTurn(agent.greeting(), false);
  }, [showTurn]);

  // Start-up: tiers and the wasm agent in parallel, then resume the session or greet.
  useEffect(() => {
    let live = true;
    Promise.all([fetchHealth(), loadAgentModule()])
      .then(([activeTiers, mod]) => {
        if (!live) return;
        moduleRef.current = mod;
        tiersRef.current = activeTiers;
        setTiers(activeTiers);
        speakerRef.current?.useServer(activeTiers.tts ? new mod.AudioQueue() : null);
        const saved = loadSession(sessionStorage);
        if (saved) {
          try {
            agentRef.current = mod.Agent.restore(saved.snapshot, { proxyBaseUrl: location.origin, tiers: activeTiers });
            entriesRef.current = saved.transcript;
            nextId.current = Math.max(0, ...saved.transcript.map((e) => e.id)) + 1;
            setEntries(saved.transcript);
            if (isTurn(saved.lastTurn)) setTurn(saved.lastTurn);
            setAnnouncement("Your booking was restored.");
          } catch {
            clearSession(sessionStorage);
            freshAgent(mod, activeTiers);
          }
        } else {
          freshAgent(mod, activeTiers);
        }
        setReady(true);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      live = false;
    };
  }, [freshAgent]);

  const run = useCallback(async (work: (agent: Agent) => Promise<Turn>, failure: string) => {
    const agent = agentRef.current;
    if (!agent) return;
    setThinking(true);
    setNotice(null);
    try {
      showTurn(await work(agent), true);
    } catch {
      setNotice(failure);
      setAnnouncement(failure);
    } finally {
      setThinking(false);
    }
  }, [showTurn]);

  const sendText = useCallback((text: string) => {
    audioContext();
    speakerRef.current?.bargeIn();
    void run((agent) => agent.respond(text), "Sorry, something went wrong. Please try again.");
  }, [run]);

  const stopTalking = useCallback(async () => {
    const recorder = recorderRef.current;
    if (!recorder) return;
    recorderRef.current = null;
    await startingRef.current?.catch(() => undefined);
    const startedAt = recorder.startedAt;
    const clip = await recorder.stop();
    setRecording(false);
    if (!clip) return;
    if (performance.now() - startedAt < MIN_RECORDING_MS) {
      setNotice("Hold the button while you speak, then release.");
      return;
    }
    await run((agent) => agent.hear(clip), "Sorry, I couldn't hear that. Please try again or type your answer.");
  }, [run]);

  const startTalking = useCallback(() => {
    if (recorderRef.current || thinking || !ready) return;
    audioContext();
    speakerRef.current?.bargeIn();
    setNotice(null);
    const recorder = new Recorder({ onLevel: setLevel, onCapReached: () => void stopTalking() });
    recorderRef.current = recorder;
    setRecording(true);
    setElapsed(0);
    startingRef.current = recorder.start().catch((error: unknown) => {
      recorderRef.current = null;
      setRecording(false);
      const message = micProblemMessage(micProblem(error));
      setNotice(message);
      setAnnouncement(message);
    });
  }, [ready, thinking, stopTalking]);

  // Recording timer.
  useEffect(() => {
    if (!recording) return;
    const started = performance.now();
    const timer = setInterval(() => setElapsed(performance.now() - started), 200);
    return () => clearInterval(timer);
  }, [recording]);

  const voiceOn = !!tiers?.stt && Recorder.supported();

  // Space held anywhere (outside text fields and other controls) talks.
  useEffect(() => {
    if (!voiceOn) return;
    const isFree = (target: EventTarget | null) =>
      !(target instanceof HTMLElement) || !target.closest("input, textarea, select, button, a, [contenteditable]");
    const down = (e: KeyboardEvent) => {
      if (e.code === "Space" && !e.repeat && isFree(e.target)) {
        e.preventDefault();
        startTalking();
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === "Space" && isFree(e.target)) {
        e.preventDefault();
        void stopTalking();
      }
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [voiceOn, startTalking, stopTalking]);

  const newBooking = () => {
    const mod = moduleRef.current;
    if (!mod || !tiersRef.current) return;
    speakerRef.current?.bargeIn();
    clearSession(sessionStorage);
    setNotice(null);
    setTurn(null);
    freshAgent(mod, tiersRef.current);
  };

  const toggleMute = () => {
    const speaker = speakerRef.current;
    if (!speaker) return;
    speaker.muted = !muted;
    if (!muted) speaker.bargeIn();
    setMuted(!muted);
  };

  const status: Status = recording ? "listening" : thinking ? "thinking" : speaking ? "speaking" : "ready";
  const booking = turn?.booking ?? EMPTY_BOOKING;

  return (
    <div className="app" data-testid="app" data-state={turn?.state ?? ""} data-tier={turn?.tier ?? ""} data-ready={ready}>
      <header className="top">
        <div className="brand">
          <h1>United Voice</h1>
          <p className="tagline">Book a flight with Alex, by voice or text.</p>
        </div>
        <div className="controls">
          <button type="button" onClick={toggleMute} aria-pressed={muted} data-testid="mute">
            {muted ? "Unmute Alex" : "Mute Alex"}
          </button>
          <button type="button" onClick={newBooking} disabled={!ready} data-testid="new-booking">
            New booking
          </button>
        </div>
        <TierBadges tiers={tiers} />
      </header>

      {loadError && (
        <p className="notice error" role="alert">
          The booking agent could not load ({loadError}). Reload the page to try again.
        </p>
      )}

      <main className="layout">
        <div className="conversation">
          <Transcript entries={entries} />
          <p className={`status ${status}`} data-testid="status" data-status={status}>
            <span className="dot" aria-hidden="true" /> {ready ? STATUS_TEXT[status] : "Loading…"}
          </p>
          {notice && <p className="notice" role="alert" data-testid="notice">{notice}</p>}
          {voiceOn ? (
            <TalkButton
              recording={recording}
              disabled={!ready || thinking}
              level={level}
              elapsedMs={elapsed}
              onPress={startTalking}
              onRelease={() => void stopTalking()}
            />
          ) : (
            tiers && (
              <p className="hint" data-testid="voice-off">
                {tiers.stt
                  ? "This browser cannot record audio here; type your answers below."
                  : "Voice input is off on this server (no speech recognition configured); type your answers below."}
              </p>
            )
          )}
          <TextInput disabled={!ready || thinking} onSend={sendText} />
        </div>
        <aside className="side">
          <BookingCard booking={booking} state={turn?.state ?? null} />
          <OfferList
            offers={turn?.offers ?? []}
            disabled={!ready || thinking}
            onChoose={(n) => sendText(`option ${n}`)}
          />
        </aside>
      </main>

      <div className="visually-hidden" aria-live="polite" role="status" data-testid="live">
        {announcement}
      </div>
    </div>
  );
}
