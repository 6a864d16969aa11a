/** The Rust core (the `united-voice` wasm package) on the server: its airport table checks the
 * codes a search names, and its generator makes the sample offers when Duffel is not used.
 * Instantiated once per process, on first use (about 150 ms, most of it building the tables). */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync, resolvePlace, searchSampleOffers, type Offer } from "united-voice";

export type { Offer };

let ready = false;

function ensureCore(): void {
  if (ready) return;
  const wasmPath = createRequire(import.meta.url).resolve("united-voice/united_voice_bg.wasm");
  initSync({ module: readFileSync(wasmPath) });
  ready = true;
}

/** A place the airport table knows under exactly this code: an airport, or a metro area with
 * its airports. Null for anything else (a name, a typo the table would guess at). */
export function knownPlace(code: string): { code: string; kind: "airport" | "metro"; airports: string[] } | null {
  ensureCore();
  const result = resolvePlace(code) as unknown as Record<string, unknown>;
  if (result.code !== code || !Array.isArray(result.airports)) return null;
  const kind = result.kind === "metro" ? "metro" : "airport";
  return { code, kind, airports: result.airports.filter((a): a is string => typeof a === "string") };
}

/** What the generator needs: the search request's body, validated. */
export interface SampleQuery {
  origin: string;
  destination: string;
  departure_date: string;
  return_date: string | null;
  passengers: number;
  cabin: string;
  today: string;
  seed: number;
}

/** The offers the app would have generated itself for this search and seed. */
export function sampleOffers(query: SampleQuery): Offer[] {
  ensureCore();
  return searchSampleOffers(query as Parameters<typeof searchSampleOffers>[0]);
}
