/** A circuit breaker for one upstream, in this process: after `threshold` failures in a row the
 * upstream is skipped for `coolDownMs` (callers use their fallback at once instead of waiting
 * out a timeout on every request); then calls go through again, and the next failure opens it
 * anew while a success closes it. An upstream that says how long to wait (429) opens it for
 * that long straight away. */

export class Breaker {
  private failuresInARow = 0;
  private openUntilMs = 0;

  constructor(
    readonly threshold: number,
    readonly coolDownMs: number,
  ) {}

  /** Whether a call may go to the upstream now. */
  allows(nowMs: number = Date.now()): boolean {
    return nowMs >= this.openUntilMs;
  }

  succeeded(): void {
    this.failuresInARow = 0;
    this.openUntilMs = 0;
  }

  /** `waitMs`: the upstream asked for that much quiet (Retry-After). */
  failed(nowMs: number = Date.now(), waitMs?: number): void {
    this.failuresInARow += 1;
    if (waitMs !== undefined) this.openUntilMs = Math.max(this.openUntilMs, nowMs + waitMs);
    if (this.failuresInARow >= this.threshold) this.openUntilMs = Math.max(this.openUntilMs, nowMs + this.coolDownMs);
  }

  reset(): void {
    this.succeeded();
  }
}
