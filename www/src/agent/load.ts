/** Loads the wasm agent package ("united-voice", built from the crate by wasm-pack) and
 * narrows its exports to the typed shapes the app uses. */

import init, { Agent, AudioQueue } from "united-voice";
import type { AgentConfig, AgentLike, AudioQueueLike } from "./types";

export interface AgentModule {
  create(config: AgentConfig): AgentLike;
  /** Throws when the snapshot is corrupted or foreign. */
  restore(snapshot: string): AgentLike;
  createQueue(): AudioQueueLike;
}

let loaded: Promise<AgentModule> | null = null;

export function loadAgentModule(): Promise<AgentModule> {
  loaded ??= init().then(() => ({
    create: (config) => new Agent(config) as unknown as AgentLike,
    restore: (snapshot) => Agent.restore(snapshot) as unknown as AgentLike,
    createQueue: () => new AudioQueue() as unknown as AudioQueueLike,
  }));
  return loaded;
}
