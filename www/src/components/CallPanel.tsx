import type { Status } from "../agent/call";
import type { EarKind } from "../voice/hands-free";

/** Which recogniser hears the caller, in words a caller understands. */
export const EAR_TEXT: Record<EarKind, string> = {
  server: "Alex hears you through our speech recognition service.",
  browser: "Alex hears you through your browser's built-in speech recognition.",
  none: "Voice input isn't available right now: type your answers below.",
};

interface Props {
  inCall: boolean;
  possible: boolean;
  disabled: boolean;
  status: Status;
  ear: EarKind | null;
  /** The caller's level while they talk, else Alex's while he speaks. */
  level: number;
  interim: string;
  /** The caller is talking (voice activity), whatever the status line says. */
  talking: boolean;
  onStart(): void;
  onEnd(): void;
}

/** The hands-free call: one button to start (the gesture that unlocks audio), then a live
 * indicator of who is talking, the level, and the words as heard. */
export function CallPanel({ inCall, possible, disabled, status, ear, level, interim, talking, onStart, onEnd }: Props) {
  if (!inCall) {
    return (
      <div className="call">
        {possible && (
          <button type="button" className="call-button" data-testid="start-call" disabled={disabled} onClick={onStart}>
            Talk to Alex
          </button>
        )}
        {ear && <p className="hint" data-testid="ear" data-ear={ear}>{EAR_TEXT[ear]}</p>}
      </div>
    );
  }
  const who = status === "speaking" ? "Alex" : "You";
  return (
    <div className="call in-call" data-testid="call" data-talking={talking}>
      <div className="call-row">
        <span className={`call-state ${status}`} data-testid="call-state" data-status={status}>
          {status === "speaking" ? "Alex is speaking" : status === "thinking" ? "Thinking…" : "Listening — just talk"}
        </span>
        <button type="button" className="end-call" data-testid="end-call" onClick={onEnd}>End call</button>
      </div>
      <div className="meter" aria-hidden="true">
        <span className="meter-who">{who}</span>
        <div className="meter-track" data-testid="level" data-level={level.toFixed(2)}>
          <div className={`meter-fill ${status}`} style={{ transform: `scaleX(${level})` }} />
        </div>
      </div>
      <p className="interim" data-testid="interim" aria-live="off">{interim ? `“${interim}”` : "\u00a0"}</p>
      {ear && <p className="hint" data-testid="ear" data-ear={ear}>{EAR_TEXT[ear]}</p>}
    </div>
  );
}
