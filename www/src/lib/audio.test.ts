import { describe, expect, it } from "vitest";
import { extensionFor, levelFromTimeDomain, micProblem, micProblemMessage, pickRecorderType } from "./audio";

describe("pickRecorderType", () => {
  it("prefers Opus in WebM", () => {
    expect(pickRecorderType(() => true)).toBe("audio/webm;codecs=opus");
  });
  it("falls back to MP4 on Safari", () => {
    expect(pickRecorderType((t) => t.startsWith("audio/mp4"))).toBe("audio/mp4;codecs=mp4a.40.2");
    expect(pickRecorderType((t) => t === "audio/mp4")).toBe("audio/mp4");
  });
  it("lets the browser choose when nothing matches, even if the check throws", () => {
    expect(pickRecorderType(() => false)).toBe("");
    expect(pickRecorderType(() => { throw new Error("no"); })).toBe("");
  });
});

describe("extensionFor", () => {
  it("maps recorded types to the extension the proxy expects", () => {
    expect(extensionFor("audio/webm;codecs=opus")).toBe("webm");
    expect(extensionFor("audio/ogg; codecs=opus")).toBe("ogg");
    expect(extensionFor("audio/mp4")).toBe("m4a");
    expect(extensionFor("audio/mpeg")).toBe("mp3");
    expect(extensionFor("")).toBe("webm");
  });
});

describe("levelFromTimeDomain", () => {
  it("is 0 for silence and grows with amplitude, capped at 1", () => {
    expect(levelFromTimeDomain(new Uint8Array(256).fill(128))).toBe(0);
    const quiet = Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 133 : 123));
    const loud = Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 200 : 56));
    expect(levelFromTimeDomain(quiet)).toBeGreaterThan(0);
    expect(levelFromTimeDomain(loud)).toBeGreaterThan(levelFromTimeDomain(quiet));
    expect(levelFromTimeDomain(Uint8Array.from({ length: 8 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
    expect(levelFromTimeDomain(new Uint8Array(0))).toBe(0);
  });
});

describe("micProblem", () => {
  it("tells denied, absent, busy and unsupported apart", () => {
    expect(micProblem(new DOMException("x", "NotAllowedError"))).toBe("denied");
    expect(micProblem(new DOMException("x", "NotFoundError"))).toBe("absent");
    expect(micProblem(new DOMException("x", "NotReadableError"))).toBe("busy");
    expect(micProblem(new TypeError("no mediaDevices"))).toBe("unsupported");
    expect(micProblem("weird")).toBe("other");
    expect(micProblemMessage("denied")).toMatch(/blocked/);
    expect(micProblemMessage("absent")).toMatch(/No microphone/);
  });
});
