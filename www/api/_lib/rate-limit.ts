/** Per-client token bucket, in this instance's memory.
 *
 * One process only: several instances (serverless scale-out) each keep their own buckets, so
 * the effective limit multiplies. A shared store (Redis / Upstash) is needed for a strict limit. */

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const buckets = new Map<string, Bucket>();
/** Bound the memory a flood of distinct IPs can take. */
const MAX_CLIENTS = 10_000;

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one token is back (when refused). */
  retryAfterSeconds: number;
}

export function takeToken(
  client: string,
  burst: number,
  perMinute: number,
  nowMs: number = Date.now(),
): RateDecision {
  const refillPerMs = perMinute / 60_000;
  const bucket = buckets.get(client) ?? { tokens: burst, updatedMs: nowMs };
  bucket.tokens = Math.min(burst, bucket.tokens + (nowMs - bucket.updatedMs) * refillPerMs);
  bucket.updatedMs = nowMs;
  if (!buckets.has(client)) {
    if (buckets.size >= MAX_CLIENTS) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    buckets.set(client, bucket);
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true, retryAfterSeconds: 0 };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
  return { allowed: false, retryAfterSeconds };
}

/** Tests start from full buckets. */
export function resetRateLimits(): void {
  buckets.clear();
}

/** The client's IP: first hop of x-forwarded-for, else x-real-ip (set by Vercel or our server). */
export function clientKey(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  if (first) return first;
  return req.headers.get("x-real-ip")?.trim() || "unknown";
}
