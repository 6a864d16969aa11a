import { describe, expect, it } from "vitest";
import type { Action, AudioQueueLike, QueueStatus } from "../agent/types";
import type { SpeechIo } from "./queued-speech";
import { Speaker } from "./speaker";

/** Minimal stand-in queue: plays seq 0 when ready, idle after barge-in. */
class OneByOne implements AudioQueueLike {
  active = false;
  beginTurn(): Action[] { this.active = true; return []; }
  segmentReady(turn: number, seq: number): Action[] { return seq === 0 ? [{ action: "play", turn, seq }] : []; }
  segmentFailed(): Action[] { return []; }
  playbackEnded(): Action[] { return []; }
  bargeIn(): Action[] { this.active = false; return []; }
  tick(): Action[] { return []; }
  status(): QueueStatus { return this.active ? { status: "waiting", turn: 1, seq: 0 } : { status: "idle" }; }
}

function setup(fail: (text: string) => boolean) {
  const spokenByBrowser: string[][] = [];
  const fetched: string[] = [];
  const speaker = new Speaker(() => undefined, () => ({ speak: (s) => void spokenByBrowser.push(s), bargeIn: () => undefined }));
  const io: SpeechIo = {
    fetchSegment: async function* (text) {
      fetched.push(text);
      if (fail(text)) throw new Error("tts 429");
      yield new Uint8Array(4);
    },
    voice: () => ({ append: () => undefined, end: () => undefined, play: () => undefined, stop: () => undefined }),
    now: () => 0,
  };
  speaker.useServer(new OneByOne(), io);
  return { speaker, spokenByBrowser, fetched };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("Speaker", () => {
  it("speaks the whole reply with the browser voice when the server fails its first sentence", async () => {
    const { speaker, spokenByBrowser } = setup(() => true);
    speaker.speak(["Hello.", "Where to?"]);
    await flush();
    expect(spokenByBrowser).toEqual([["Hello.", "Where to?"]]);
  });

  it("keeps the server voice when only a later sentence fails", async () => {
    const { speaker, spokenByBrowser, fetched } = setup((t) => t === "Where to?");
    speaker.speak(["Hello.", "Where to?"]);
    await flush();
    expect(fetched).toEqual(["Hello.", "Where to?"]);
    expect(spokenByBrowser).toEqual([]);
  });

  it("says nothing at all when muted", async () => {
    const { speaker, spokenByBrowser, fetched } = setup(() => true);
    speaker.muted = true;
    speaker.speak(["Hello."]);
    await flush();
    expect(fetched).toEqual([]);
    expect(spokenByBrowser).toEqual([]);
  });
});
