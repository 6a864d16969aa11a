import { EMPTY_BOOKING } from "./agent/types";
import { useAgent } from "./agent/useAgent";
import type { Status } from "./agent/call";
import { BookingCard } from "./components/BookingCard";
import { CallPanel } from "./components/CallPanel";
import { LatencyPanel } from "./components/LatencyPanel";
import { ManageTrip } from "./components/ManageTrip";
import { OfferList } from "./components/OfferList";
import { TalkButton } from "./components/TalkButton";
import { TextInput } from "./components/TextInput";
import { TierBadges } from "./components/TierBadges";
import { Transcript } from "./components/Transcript";
import { useSpaceToTalk } from "./voice/useSpaceToTalk";
import { useAlexLevel } from "./speech/useAlexLevel";

const STATUS_TEXT: Record<Status, string> = {
  ready: "Ready",
  listening: "Listening…",
  thinking: "Thinking…",
  speaking: "Alex is speaking",
};

/** The page: renders the call that useAgent owns. */
export function App() {
  const call = useAgent();
  const { ready, thinking, tiers, turn, status } = call;
  useSpaceToTalk(call.voiceOn && !call.inCall, call.startTalking, call.stopTalking);
  const alexLevel = useAlexLevel(status === "speaking");

  return (
    <div className="app" data-testid="app" data-state={turn?.state ?? ""} data-tier={turn?.tier ?? ""} data-ready={ready}>
      <header className="top">
        <div className="brand">
          <h1>United Voice</h1>
          <p className="tagline">Book a flight with Alex, by voice or text.</p>
        </div>
        <div className="controls">
          <button type="button" onClick={call.toggleMute} aria-pressed={call.muted} data-testid="mute">
            {call.muted ? "Unmute Alex" : "Mute Alex"}
          </button>
          <button type="button" onClick={call.newBooking} disabled={!ready} data-testid="new-booking">
            New booking
          </button>
        </div>
        <TierBadges tiers={tiers} />
      </header>

      {call.loadError && (
        <p className="notice error" role="alert">
          The booking agent could not load ({call.loadError}). Reload the page to try again.
        </p>
      )}

      <main className="layout">
        <div className="conversation">
          <Transcript entries={call.entries} />
          <p className={`status ${status}`} data-testid="status" data-status={status}>
            <span className="dot" aria-hidden="true" /> {ready ? STATUS_TEXT[status] : "Loading…"}
          </p>
          {call.notice && <p className="notice" role="alert" data-testid="notice">{call.notice}</p>}
          <CallPanel
            inCall={call.inCall}
            possible={call.callPossible}
            disabled={!ready}
            status={status}
            ear={call.ear}
            level={status === "speaking" ? alexLevel : call.level}
            interim={call.interim}
            talking={call.talking}
            onStart={call.startCall}
            onEnd={call.endCall}
          />
          {call.inCall ? null : call.voiceOn ? (
            <TalkButton
              recording={call.recording}
              disabled={!ready || thinking}
              level={call.level}
              elapsedMs={call.elapsedMs}
              onPress={call.startTalking}
              onRelease={() => void call.stopTalking()}
            />
          ) : (
            tiers && !call.callPossible && (
              <p className="hint" data-testid="voice-off">
                {tiers.stt
                  ? "This browser cannot record audio here; type your answers below."
                  : "Voice input is off on this server (no speech recognition configured); type your answers below."}
              </p>
            )
          )}
          <TextInput disabled={!ready || thinking} onSend={call.sendText} />
          <LatencyPanel timings={call.timings} bargeIn={call.bargeIn} />
        </div>
        <aside className="side">
          <BookingCard booking={turn?.booking ?? EMPTY_BOOKING} state={turn?.state ?? null} record={turn?.record} />
          <OfferList offers={turn?.offers ?? []} disabled={!ready || thinking} onChoose={call.choose} />
          <ManageTrip />
        </aside>
      </main>

      <div className="visually-hidden" aria-live="polite" role="status" data-testid="live">
        {call.announcement}
      </div>
    </div>
  );
}
