import { describe, expect, it } from "vitest";
import { fetchHealth, NO_TIERS, parseHealth } from "./health";

describe("health", () => {
  it("reads only real booleans", () => {
    expect(parseHealth({ stt: true, llm: false, tts: true })).toEqual({ stt: true, llm: false, tts: true });
    expect(parseHealth({ stt: "yes", llm: 1, tts: null })).toEqual(NO_TIERS);
    expect(parseHealth(null)).toEqual(NO_TIERS);
  });
  it("treats a failing or missing endpoint as all off", async () => {
    const failing = (async () => new Response("nope", { status: 500 })) as typeof fetch;
    const throwing = (async () => { throw new TypeError("offline"); }) as typeof fetch;
    const ok = (async () => Response.json({ stt: true, llm: true, tts: false })) as typeof fetch;
    expect(await fetchHealth("", failing)).toEqual(NO_TIERS);
    expect(await fetchHealth("", throwing)).toEqual(NO_TIERS);
    expect(await fetchHealth("", ok)).toEqual({ stt: true, llm: true, tts: false });
  });
});
