// The web-target package also loads in Node (how the www unit tests use it):
// initSync({ module: bytes }), then the API behaves as in the browser.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const pkg = new URL("../pkg/", import.meta.url);
const { initSync, Agent, parseDate, resolvePlace } = await import(new URL("united_voice.js", pkg));
initSync({ module: readFileSync(new URL("united_voice_bg.wasm", pkg)) });

test("an agent greets, answers and survives a snapshot", async () => {
  const agent = new Agent({ today: "2026-03-10", seed: 3 });
  const greeting = agent.greeting();
  assert.equal(greeting.state, "greeting");
  assert.equal(greeting.booking.origin, null);
  const turn = await agent.respond("Hi, this is Maria Lopez");
  assert.equal(turn.user, "Hi, this is Maria Lopez");
  assert.equal(typeof turn.reply, "string");
  const restored = Agent.restore(agent.snapshot());
  assert.equal(restored.snapshot(), agent.snapshot());
  assert.deepEqual(restored.booking, agent.booking);
});

test("bad input is a JS Error with a message", () => {
  assert.throws(() => Agent.restore("not a snapshot"), (e) => e instanceof Error && /corrupted/.test(e.message));
  assert.throws(() => new Agent({ today: "tomorrow" }), (e) => e instanceof Error && /today/.test(e.message));
  assert.throws(() => parseDate("tomorrow", "03/10/2026"), Error);
});

test("lookups answer plain objects", () => {
  const date = parseDate("purple", "2026-03-10");
  assert.equal(date.error, "not_a_date");
  const place = resolvePlace("Xyzzyville Qwrtp");
  assert.deepEqual(place.candidates, []);
});
