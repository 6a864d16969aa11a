/** QueuedSpeech driven by the real wasm AudioQueue (loaded in Node with initSync): the
 * orchestration and the queue agree on ordering, streaming, barge-in, failures and supersession. */

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { AudioQueue, initSync } from "united-voice";
import { fakeSpeechIo, flush, pcm, type FakeStream } from "./fake-speech-io";
import { QueuedSpeech } from "./queued-speech";

beforeAll(() => {
  initSync({ module: readFileSync(new URL("../../../pkg/united_voice_bg.wasm", import.meta.url)) });
});

function harness() {
  let now = 1_000;
  return fakeSpeechIo(() => (now += 10));
}

/** Segment `i` of a test reply: one chunk holding one sample of value `value`, then the end. */
function whole(f: FakeStream, value: number): void {
  f.send(pcm(value));
  f.end();
}

describe("QueuedSpeech with the wasm AudioQueue", () => {
  it("plays segments in order whatever order they arrive in", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["One.", "Two.", "Three."]);
    expect(speech.speaking).toBe(true);
    whole(fetches[2]!, 3);
    whole(fetches[1]!, 2);
    await flush();
    expect(played).toHaveLength(0);
    whole(fetches[0]!, 1);
    await flush();
    played[0]!.heard();
    played[1]!.heard();
    expect(played.map((v) => v.samples)).toEqual([[1], [2], [3]]);
    played[2]!.heard();
    expect(speech.speaking).toBe(false);
    speech.bargeIn();
  });

  it("the queue starts a segment on its first chunk, and counts it played only once all of it was heard", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["One.", "Two."]);
    fetches[0]!.send(pcm(1));
    await flush();
    expect(played).toHaveLength(1);
    expect(played[0]!.ended).toBe(false);
    expect(speech.progress().played).toBe(0);
    whole(fetches[1]!, 2);
    fetches[0]!.send(pcm(1, 1));
    await flush();
    played[0]!.heard(); // all heard so far, but the stream is still open: not over
    expect(played).toHaveLength(1);
    expect(speech.progress().played).toBe(0);
    fetches[0]!.end();
    await flush();
    played[0]!.heard();
    expect(played.map((v) => v.samples)).toEqual([[1, 1, 1], [2]]);
    expect(speech.progress().played).toBe(1);
    speech.bargeIn();
  });

  it("barge-in mid-stream stops playback, cancels the streams, and nothing of that turn plays afterwards", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["First.", "Second."]);
    fetches[0]!.send(pcm(1));
    await flush();
    expect(played).toHaveLength(1);
    speech.bargeIn();
    expect(played[0]!.stopped).toBe(true);
    expect(fetches[0]!.signal.aborted).toBe(true);
    whole(fetches[1]!, 2);
    await flush();
    expect(played).toHaveLength(1);
    expect(speech.speaking).toBe(false);
  });

  it("a new turn supersedes the one still speaking", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["Old one.", "Old two."]);
    whole(fetches[0]!, 1);
    await flush();
    speech.speak(["New."]);
    expect(played[0]!.stopped).toBe(true);
    whole(fetches[1]!, 2);
    whole(fetches[2]!, 3);
    await flush();
    expect(played.map((v) => v.samples)).toEqual([[1], [3]]);
    speech.bargeIn();
  });

  it("skips a failed segment and goes on", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue(), io);
    speech.speak(["A.", "B."]);
    fetches[0]!.fail();
    whole(fetches[1]!, 2);
    await flush();
    expect(played.map((v) => v.samples)).toEqual([[2]]);
    speech.bargeIn();
  });

  it("a stream breaking part-way stops that segment, reports it, and the next one plays", async () => {
    const { io, fetches, played } = harness();
    const failed: number[] = [];
    const speech = new QueuedSpeech(new AudioQueue(), io, () => undefined, (seq) => failed.push(seq));
    speech.speak(["A.", "B.", "C."]);
    fetches[0]!.send(pcm(1));
    whole(fetches[1]!, 2);
    await flush();
    fetches[0]!.fail();
    await flush();
    expect(failed).toEqual([0]);
    expect(played[0]!.stopped).toBe(true);
    expect(played.map((v) => v.samples)).toEqual([[1], [2]]);
    // A buffered segment breaking before its turn is skipped too.
    fetches[2]!.send(pcm(3));
    await flush();
    fetches[2]!.fail();
    await flush();
    played[1]!.heard();
    expect(failed).toEqual([0, 2]);
    expect(played).toHaveLength(2);
    expect(speech.speaking).toBe(false);
  });

  it("a segment the queue discards (over its bounds) stops streaming", async () => {
    const { io, fetches, played } = harness();
    const speech = new QueuedSpeech(new AudioQueue({ maxSegments: 1 }), io);
    speech.speak(["A.", "B.", "C."]);
    fetches[1]!.send(pcm(2));
    fetches[2]!.send(pcm(3)); // a second segment waiting: over maxSegments, discarded
    await flush();
    fetches[2]!.send(pcm(3));
    await flush();
    expect(fetches[2]!.cancelled).toBe(true);
    expect(fetches[1]!.cancelled).toBe(false);
    whole(fetches[0]!, 1);
    fetches[1]!.end();
    await flush();
    played[0]!.heard();
    played[1]!.heard();
    expect(played.map((v) => v.samples)).toEqual([[1], [2]]);
    expect(speech.speaking).toBe(false);
  });
});
