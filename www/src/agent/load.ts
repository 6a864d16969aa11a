/** Loads the wasm agent package ("united-voice", built from the crate by wasm-pack). Its classes
 * and their generated types are used as they are; this only waits for the module to be
 * instantiated and schedules the place tables' warm-up. */

import init, { Agent, AudioQueue, warmUp } from "united-voice";

/** The package's classes, usable once the wasm module is instantiated. */
export interface AgentModule {
  Agent: typeof Agent;
  AudioQueue: typeof AudioQueue;
}

let loaded: Promise<AgentModule> | null = null;

export function loadAgentModule(): Promise<AgentModule> {
  loaded ??= init().then(() => {
    // The place tables take ~70 ms to build: do it once the page is idle (the greeting is on
    // screen), not inside the caller's first turn.
    const whenIdle = window.requestIdleCallback ?? ((work: () => void) => window.setTimeout(work, 50));
    whenIdle(() => warmUp());
    return { Agent, AudioQueue };
  });
  return loaded;
}
