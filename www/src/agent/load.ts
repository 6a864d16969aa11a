/** Loads the wasm agent package ("united-voice", built from the crate by wasm-pack) and
 * narrows its exports to the typed shapes the app uses. */

import init, { Agent, AudioQueue, warmUp } from "united-voice";
import type { AgentConfig, AgentLike, AudioQueueLike } from "./types";
import { normalizeQueue } from "./queue-shapes";

export interface AgentModule {
  create(config: AgentConfig): AgentLike;
  /** Throws when the snapshot is corrupted or foreign. The snapshot holds the conversation;
   * the proxy URL and tiers come from `config`. */
  restore(snapshot: string, config: AgentConfig): AgentLike;
  /** The playback-order logic for server speech (one per page). */
  createQueue(): AudioQueueLike;
}

let loaded: Promise<AgentModule> | null = null;

export function loadAgentModule(): Promise<AgentModule> {
  loaded ??= init().then(() => {
    // The place tables take ~70 ms to build: do it once the page is idle (the greeting is on
    // screen), not inside the caller's first turn.
    const whenIdle = window.requestIdleCallback ?? ((work: () => void) => window.setTimeout(work, 50));
    whenIdle(() => warmUp());
    return {
      create: (config) => new Agent(config) as unknown as AgentLike,
      restore: (snapshot, config) => Agent.restore(snapshot, config) as unknown as AgentLike,
      createQueue: () => normalizeQueue(new AudioQueue()),
    };
  });
  return loaded;
}
