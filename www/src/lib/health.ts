/** Which server tiers are on, from GET /api/health. Anything unexpected means "off". */

import type { Tiers } from "../agent/types";

export const NO_TIERS: Tiers = { stt: false, llm: false, tts: false };

export function parseHealth(value: unknown): Tiers {
  if (typeof value !== "object" || value === null) return NO_TIERS;
  const v = value as Record<string, unknown>;
  return { stt: v.stt === true, llm: v.llm === true, tts: v.tts === true };
}

export async function fetchHealth(baseUrl = "", fetchImpl: typeof fetch = fetch): Promise<Tiers> {
  try {
    const response = await fetchImpl(`${baseUrl}/api/health`, { cache: "no-store" });
    if (!response.ok) return NO_TIERS;
    return parseHealth(await response.json());
  } catch {
    return NO_TIERS;
  }
}
