/** Loads the wasm agent package ("united-voice", built from the crate by wasm-pack) and
 * narrows its exports to the typed shapes the app uses. */

import * as wasm from "united-voice";
import type { AgentConfig, AgentLike, AudioQueueLike } from "./types";
import { normalizeQueue } from "./queue-shapes";

export interface AgentModule {
  create(config: AgentConfig): AgentLike;
  /** Throws when the snapshot is corrupted or foreign. The snapshot holds the conversation;
   * the proxy URL and tiers come from `config`. */
  restore(snapshot: string, config: AgentConfig): AgentLike;
  /** Null when this build of the package has no AudioQueue (then the browser voice is used). */
  createQueue(): AudioQueueLike | null;
}

let loaded: Promise<AgentModule> | null = null;

export function loadAgentModule(): Promise<AgentModule> {
  loaded ??= wasm.default().then(() => {
    const Queue = (wasm as Record<string, unknown>).AudioQueue as (new () => unknown) | undefined;
    return {
      create: (config) => new wasm.Agent(config) as unknown as AgentLike,
      restore: (snapshot, config) => wasm.Agent.restore(snapshot, config) as unknown as AgentLike,
      createQueue: () => (typeof Queue === "function" ? normalizeQueue(new Queue()) : null),
    };
  });
  return loaded;
}
