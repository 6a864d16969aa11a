import { useRef } from "react";
import { formatElapsed } from "../lib/format";
import { MAX_RECORDING_MS } from "../lib/audio";

interface Props {
  recording: boolean;
  disabled: boolean;
  level: number;
  elapsedMs: number;
  onPress(): void;
  onRelease(): void;
}

/** A press shorter than this is a tap: it starts talking, and the next tap sends. */
const TAP_MS = 350;

/** Hold to talk (mouse, touch or pen, and Space/Enter while focused), or tap to start and tap
 * again to send. */
export function TalkButton({ recording, disabled, level, elapsedMs, onPress, onRelease }: Props) {
  const pressedAt = useRef(0);
  const latched = useRef(false);
  const press = () => {
    if (recording && latched.current) {
      latched.current = false;
      onRelease();
      return;
    }
    pressedAt.current = performance.now();
    onPress();
  };
  const release = () => {
    if (!recording || latched.current) return;
    if (performance.now() - pressedAt.current < TAP_MS) {
      latched.current = true;
      return;
    }
    onRelease();
  };
  return (
    <div className="talk">
      <button
        type="button"
        className={recording ? "talk-button recording" : "talk-button"}
        data-testid="talk"
        disabled={disabled}
        aria-pressed={recording}
        aria-describedby="talk-hint"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          e.preventDefault();
          press();
        }}
        onPointerUp={release}
        onPointerCancel={release}
        onKeyDown={(e) => {
          if ((e.key === " " || e.key === "Enter") && !e.repeat) {
            e.preventDefault();
            e.stopPropagation();
            onPress();
          }
        }}
        onKeyUp={(e) => {
          if (e.key === " " || e.key === "Enter") {
            e.preventDefault();
            e.stopPropagation();
            onRelease();
          }
        }}
        onContextMenu={(e) => e.preventDefault()}
      >
        <svg aria-hidden="true" className="mic" viewBox="0 0 24 24" width="24" height="24" fill="currentColor">
          <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 1 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z" />
        </svg>
        {recording ? (latched.current ? "Tap to send" : "Release to send") : "Hold or tap to talk"}
      </button>
      <div className="meter" aria-hidden={!recording}>
        <div className="meter-track" role="meter" aria-label="Input level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
          <div className="meter-fill" style={{ transform: `scaleX(${recording ? level : 0})` }} />
        </div>
        <span className="timer" data-testid="timer" aria-live="off">
          {recording ? `${formatElapsed(elapsedMs)} / ${formatElapsed(MAX_RECORDING_MS)}` : ""}
        </span>
      </div>
      <p id="talk-hint" className="hint">
        Hold the button (or the Space bar) while you speak and release to send, or tap once to start and again to send. Talking interrupts Alex.
      </p>
    </div>
  );
}
