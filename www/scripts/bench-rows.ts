/** The benchmark scripts' shared output: each figure as a `ROW<TAB>what<TAB>figure` line, which
 * `.ci/bench.sh` gathers into its one table, plus small statistics helpers. */

export function row(what: string, figure: string): void {
  console.log(`ROW\t${what}\t${figure}`);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** "12.3 ms" (or "85 µs" under a millisecond) with a sensible number of digits. */
export function ms(value: number): string {
  if (Math.abs(value) < 1) return `${(value * 1000).toFixed(0)} µs`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}

export function bytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MiB` : `${(value / 1024).toFixed(0)} KiB`;
}

/** The API handlers log one line per request: not part of a benchmark's output. */
export function quietApiLog(): void {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^[A-Z]+ \/api\//.test(String(args[0]))) log(...args);
  };
}
