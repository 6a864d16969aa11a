import type { BargeIn, TurnTiming } from "../voice/hands-free";

const ms = (from: number, to: number | undefined) => (to === undefined ? "…" : `${Math.round(to - from)} ms`);

/** Per-turn latency for the curious (collapsed): end of speech -> transcript -> reply -> first
 * audio, and the last interruption as measured in the page. */
export function LatencyPanel({ timings, bargeIn }: { timings: TurnTiming[]; bargeIn: BargeIn | null }) {
  if (timings.length === 0 && !bargeIn) return null;
  return (
    <details className="latency" data-testid="latency">
      <summary>Timing</summary>
      <table>
        <thead>
          <tr><th>turn</th><th>transcript</th><th>reply</th><th>first audio</th></tr>
        </thead>
        <tbody>
          {timings.map((t, i) => (
            <tr key={`${t.speechEnd}-${i}`}>
              <td>{i === 0 ? "last" : `-${i}`}</td>
              <td>{ms(t.speechEnd, t.transcript)}</td>
              <td>{ms(t.speechEnd, t.reply)}</td>
              <td>{ms(t.speechEnd, t.firstAudio)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {bargeIn && (
        <p data-testid="barge-in" data-onset-ms={Math.round(bargeIn.onsetToStopMs)} data-after-minimum-ms={Math.round(bargeIn.minimumToStopMs)}>
          Last interruption: Alex stopped {Math.round(bargeIn.minimumToStopMs)} ms after your speech had lasted the minimum
          ({Math.round(bargeIn.onsetToStopMs)} ms after you started).
        </p>
      )}
    </details>
  );
}
