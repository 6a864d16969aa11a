import { describe, expect, it } from "vitest";
import { callReducer, callStatus, INITIAL_CALL, type CallEvent, type CallState } from "./call";
import { EMPTY_BOOKING, isTurn, type Turn } from "./types";
import type { TurnTiming } from "../voice/hands-free";

const turn = (user: string, reply: string): Turn => ({
  user, reply, segments: [reply], state: "collecting_origin", intent: "provide_info", tier: "rules",
  booking: EMPTY_BOOKING, offers: [], record: null, display: reply,
});
const play = (events: CallEvent[], from: CallState = INITIAL_CALL) => events.reduce(callReducer, from);

describe("the call reducer", () => {
  it("adds the caller's words and Alex's reply, announces the reply, numbers entries on", () => {
    const s = play([{ type: "started" }, { type: "turn", turn: turn("", "Hi, I'm Alex."), withUser: false },
      { type: "turn", turn: turn("Ana Lima", "Where from?"), withUser: true }]);
    expect(s.entries).toEqual([
      { id: 1, who: "alex", text: "Hi, I'm Alex." },
      { id: 2, who: "caller", text: "Ana Lima" },
      { id: 3, who: "alex", text: "Where from?" },
    ]);
    expect(s.announcement).toBe("Alex: Where from?");
    expect(s.turn?.reply).toBe("Where from?");
  });

  it("resumes a saved transcript and continues its numbering", () => {
    const s = play([{ type: "restored", entries: [{ id: 7, who: "alex", text: "Hi" }], turn: null },
      { type: "turn", turn: turn("Boston", "To where?"), withUser: true }]);
    expect(s.entries.map((e) => e.id)).toEqual([7, 8, 9]);
    expect(play([{ type: "restored", entries: [], turn: null }]).announcement).toBe("Your booking was restored.");
  });

  it("clears the notice when a turn or a recording starts; a failure is shown and announced", () => {
    const failed = play([{ type: "failed", message: "Sorry." }]);
    expect([failed.notice, failed.announcement]).toEqual(["Sorry.", "Sorry."]);
    expect(callReducer(failed, { type: "thinking", on: true }).notice).toBeNull();
    expect(callReducer({ ...failed, elapsedMs: 900 }, { type: "recording", on: true })).toMatchObject({ notice: null, elapsedMs: 0 });
  });

  it("reports listening over thinking over speaking", () => {
    expect(callStatus({ ...INITIAL_CALL, recording: true, thinking: true, speaking: true })).toBe("listening");
    expect(callStatus({ ...INITIAL_CALL, thinking: true, speaking: true })).toBe("thinking");
    expect(callStatus({ ...INITIAL_CALL, speaking: true })).toBe("speaking");
    expect(callStatus(INITIAL_CALL)).toBe("ready");
  });

  it("in a hands-free call, an idle line is Alex listening; the caller talking is listening too", () => {
    const inCall = play([{ type: "call", on: true }]);
    expect(callStatus(inCall)).toBe("listening");
    expect(callStatus({ ...inCall, speaking: true })).toBe("speaking");
    expect(callStatus({ ...inCall, speaking: true, talking: true })).toBe("listening");
    const ended = play([{ type: "talking", on: true }, { type: "interim", text: "to Den" }, { type: "call", on: false }], inCall);
    expect([ended.inCall, ended.talking, ended.interim, callStatus(ended)]).toEqual([false, false, "", "ready"]);
  });

  it("adds a silence re-prompt to the transcript and keeps the last five timings, newest first", () => {
    const s = play([{ type: "started" }, { type: "turn", turn: turn("", "Where from?"), withUser: false },
      { type: "alex_said", text: "Are you still there? Where from?" }]);
    expect(s.entries.at(-1)).toEqual({ id: 2, who: "alex", text: "Are you still there? Where from?" });
    const timing: TurnTiming = { speechEnd: 10 };
    let t = play([{ type: "timing", timing }]);
    timing.transcript = 50;
    t = callReducer(t, { type: "timing", timing });
    expect(t.timings).toEqual([{ speechEnd: 10, transcript: 50 }]);
    for (let i = 0; i < 7; i++) t = callReducer(t, { type: "timing", timing: { speechEnd: i } });
    expect(t.timings.map((x) => x.speechEnd)).toEqual([6, 5, 4, 3, 2]);
  });

  it("shows a saved last turn again only when it still has a turn's shape", () => {
    expect(isTurn(turn("a", "b"))).toBe(true);
    expect(isTurn({ state: "collecting_origin" })).toBe(false);
    expect(isTurn(null)).toBe(false);
  });

  it("an interruption leaves only what was heard in Alex's last entry", () => {
    const s = play([
      { type: "turn", turn: turn("", "Hi. Who is calling?"), withUser: false },
      { type: "cut", heard: "Hi." },
    ]);
    expect(s.entries.at(-1)?.text).toBe("Hi. …");
  });
});
