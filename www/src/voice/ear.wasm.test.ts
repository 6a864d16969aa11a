/** The ear package as the app loads it (pkg/ear, instantiated in Node with initSync): options,
 * events from pushed samples, the utterance as a WAV, the turn-taking calls. The detector's
 * decisions themselves are tested in Rust (src/voice, tests/voice_speech.rs). */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { initSync as initMain, silencePrompt } from "united-voice";
import { initSync, VoiceActivity } from "united-voice/ear/united_voice_ear.js";

beforeAll(() => {
  initSync({ module: readFileSync(new URL("../../../pkg/ear/united_voice_ear_bg.wasm", import.meta.url)) });
  initMain({ module: readFileSync(new URL("../../../pkg/united_voice_bg.wasm", import.meta.url)) });
});

describe("silencePrompt (main package)", () => {
  it("asks again gently, then gives the hint and says typing works", () => {
    expect(silencePrompt("collecting_origin", false)).toBe("Are you still there? Which city are you leaving from?");
    expect(silencePrompt("confirming_details", false)).toBe("Are you still there? Shall I look for flights?");
    expect(silencePrompt("collecting_origin", true)).toBe("You can say a city or an airport, like Chicago or JFK. You can also type your answer below.");
  });
});

describe("the ear package", () => {
  it("counts time in audio, finds nothing in silence, and takes odd samples", () => {
    const voice = new VoiceActivity({ sampleRate: 48_000 });
    const events = [];
    for (let i = 0; i < 100; i++) events.push(...voice.push(new Float32Array(480)));
    expect(events).toEqual([]);
    expect(voice.nowMs).toBe(992); // 1 s of audio: 62 whole frames of 16 ms
    expect(voice.push(new Float32Array([NaN, Infinity, -Infinity, 1e9]))).toEqual([]);
    expect(voice.level).toBe(0);
    expect(voice.takeUtterance()).toBeUndefined();
    voice.free();
  });

  it("answers the turn-taking calls with events", () => {
    const voice = new VoiceActivity({ ear: "interim", repromptMs: 2_000 });
    expect(voice.alexStarted()).toEqual([]);
    expect(voice.heard("stop")).toEqual([{ event: "pause", onset_ms: 0, at_ms: 0 }, { event: "cut" }]);
    expect(voice.heard("from Boston")).toEqual([{ event: "respond", text: "from Boston" }]);
    voice.alexStarted();
    voice.alexFinished();
    const later: unknown[] = [];
    for (let i = 0; i < 130; i++) later.push(...voice.push(new Float32Array(256)));
    expect(later).toEqual([{ event: "reprompt", attempt: 1, last: false }]);
    voice.free();
  });

  it("rejects options it cannot use", () => {
    expect(() => new VoiceActivity({ ear: "telepathy" as "interim" })).toThrow(/ear must be/);
    expect(() => new VoiceActivity({ startMs: -1 })).toThrow(/whole number/);
  });
});
