import { describe, expect, it } from "vitest";
import { normalizeAction, normalizeActions, normalizeStatus } from "./queue-shapes";

describe("queue shapes", () => {
  it("reads internally and externally tagged actions", () => {
    expect(normalizeAction({ action: "play", turn: 2, seq: 0 })).toEqual({ action: "play", turn: 2, seq: 0 });
    expect(normalizeAction({ stop: { turn: 1, seq: 3 } })).toEqual({ action: "stop", turn: 1, seq: 3 });
  });
  it("drops what it does not understand", () => {
    expect(normalizeActions([{ action: "explode", turn: 1, seq: 0 }, { play: { turn: "x" } }, null, 5])).toEqual([]);
    expect(normalizeActions("nope")).toEqual([]);
  });
  it("reads status in its possible shapes", () => {
    expect(normalizeStatus({ status: "speaking", turn: 1, seq: 2 })).toEqual({ status: "speaking", turn: 1, seq: 2 });
    expect(normalizeStatus("idle")).toEqual({ status: "idle" });
    expect(normalizeStatus({ waiting: { turn: 4, seq: 1 } })).toEqual({ status: "waiting", turn: 4, seq: 1 });
    expect(normalizeStatus(undefined)).toEqual({ status: "idle" });
  });
});
