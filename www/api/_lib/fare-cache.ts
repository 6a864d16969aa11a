/** The fare cache: identical live searches within 5 minutes are answered without asking Duffel
 * again (searches are slow and rate limited). In this process's memory by default; in a Redis
 * shared by every instance when `REDIS_URL` is set.
 *
 * What is cached is the normalised fares (offer, Duffel ids, Duffel's expiry), not seals: each
 * answer is sealed when it is sent, so its seal's lifetime starts then and any instance can
 * serve it. The cache is only an optimisation: when Redis is unreachable or slow, a search
 * goes to Duffel as if nothing were cached. Log lines never hold the Redis URL (it can carry a
 * password). */

import type { createClient } from "redis";
import type { FareSearch, LiveFare } from "./duffel.js";

export const FARE_CACHE_TTL_MS = 5 * 60 * 1000;
/** Redis gets this long per command before the search goes on without it. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** Bound the memory a flood of distinct searches can take. */
const MAX_MEMORY_ENTRIES = 500;

export interface FareCache {
  get(key: string): Promise<LiveFare[] | null>;
  set(key: string, fares: LiveFare[], ttlMs: number): Promise<void>;
}

/** The cache key: the normalised search (a live answer depends on nothing else). */
export function fareCacheKey(search: FareSearch): string {
  const { origin, destination, departure_date, return_date, passengers, cabin } = search;
  return `uv:fares:v1:${origin}:${destination}:${departure_date}:${return_date ?? "-"}:${passengers}:${cabin}`;
}

class MemoryFareCache implements FareCache {
  private entries = new Map<string, { expiresMs: number; fares: LiveFare[] }>();

  async get(key: string): Promise<LiveFare[] | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresMs <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.fares;
  }

  async set(key: string, fares: LiveFare[], ttlMs: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= MAX_MEMORY_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { expiresMs: Date.now() + ttlMs, fares });
  }

  clear(): void {
    this.entries.clear();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("redis: no answer in time")), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

let lastRedisWarningMs = 0;
/** At most one line a minute while Redis is away, and never its URL. */
function warnRedis(what: string): void {
  const now = Date.now();
  if (now - lastRedisWarningMs < 60_000) return;
  lastRedisWarningMs = now;
  console.warn(`fares: the Redis cache ${what}; searching without it`);
}

class RedisFareCache implements FareCache {
  private client: ReturnType<typeof createClient> | null = null;
  private closed = false;

  constructor(url: string) {
    // The client is loaded only when a Redis is configured (it costs ~0.4 s at start).
    import("redis")
      .then(({ createClient }) => {
        if (this.closed) return;
        this.client = createClient({
          url,
          // Fail fast while disconnected (the search goes on without the cache) and keep
          // reconnecting in the background.
          disableOfflineQueue: true,
          socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5_000) },
        });
        this.client.on("error", () => warnRedis("is unreachable"));
        return this.client.connect();
      })
      .catch(() => warnRedis("is unreachable"));
  }

  private get ready(): boolean {
    return this.client?.isReady ?? false;
  }

  async get(key: string): Promise<LiveFare[] | null> {
    if (!this.client || !this.ready) return null;
    try {
      const text = await withTimeout(this.client.get(key), REDIS_COMMAND_TIMEOUT_MS);
      if (typeof text !== "string") return null;
      const fares: unknown = JSON.parse(text);
      return Array.isArray(fares) ? (fares as LiveFare[]) : null;
    } catch {
      warnRedis("did not answer");
      return null;
    }
  }

  async set(key: string, fares: LiveFare[], ttlMs: number): Promise<void> {
    if (!this.client || !this.ready) return;
    try {
      await withTimeout(this.client.set(key, JSON.stringify(fares), { PX: ttlMs }), REDIS_COMMAND_TIMEOUT_MS);
    } catch {
      warnRedis("did not answer");
    }
  }

  /** Resolves once connected (tests), false when it could not connect in `ms`. */
  async connected(ms: number): Promise<boolean> {
    const start = Date.now();
    while (!this.ready && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 20));
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.close().catch(() => undefined);
  }
}

const memory = new MemoryFareCache();
const redisCaches = new Map<string, RedisFareCache>();

/** The cache for this configuration (one Redis client per URL, kept for the process). */
export function fareCache(redisUrl: string | null): FareCache {
  if (!redisUrl) return memory;
  let cache = redisCaches.get(redisUrl);
  if (!cache) {
    cache = new RedisFareCache(redisUrl);
    redisCaches.set(redisUrl, cache);
  }
  return cache;
}

/** Tests: wait for the Redis connection. */
export async function redisCacheReady(redisUrl: string, ms = 3_000): Promise<boolean> {
  const cache = fareCache(redisUrl);
  return cache instanceof RedisFareCache ? cache.connected(ms) : false;
}

/** Tests: forget what is cached in memory and close Redis connections. */
export async function resetFareCaches(): Promise<void> {
  memory.clear();
  const caches = [...redisCaches.values()];
  redisCaches.clear();
  await Promise.all(caches.map((c) => c.close()));
}
