/** Loads the wasm agent package ("united-voice", built from the crate by wasm-pack) and
 * narrows its exports to the typed shapes the app uses. */

import init, { Agent, AudioQueue } from "united-voice";
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
  loaded ??= init().then(() => ({
    create: (config) => new Agent(config) as unknown as AgentLike,
    restore: (snapshot, config) => Agent.restore(snapshot, config) as unknown as AgentLike,
    createQueue: () => normalizeQueue(new AudioQueue()),
  }));
  return loaded;
}
