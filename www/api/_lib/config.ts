/** Proxy configuration, read from the environment on every request (cheap, and lets tests
 * and a redeploy change it without restarting anything). */

export interface Config {
  groqKey: string | null;
  elevenKey: string | null;
  elevenVoiceId: string | null;
  chatModel: string;
  sttModel: string;
  ttsModel: string;
  groqBaseUrl: string;
  elevenBaseUrl: string;
  /** Duffel (live fares and orders); null: offers come from the core's sample generator. */
  duffelToken: string | null;
  duffelBaseUrl: string;
  /** A Redis shared by every instance for the fare cache; null: each process keeps its own. */
  redisUrl: string | null;
  /** Origins allowed besides the request's own origin. */
  allowedOrigins: string[];
  upstreamTimeoutMs: number;
  /** Token bucket: burst size and refill rate (tokens per minute) per client IP. */
  rateLimitBurst: number;
  rateLimitPerMinute: number;
  /** A second, stricter bucket for booking lookups and cancels (against guessing locators). */
  lookupRateLimitBurst: number;
  lookupRateLimitPerMinute: number;
}

export const DEFAULT_CHAT_MODEL = "llama-3.3-70b-versatile";
export const DEFAULT_STT_MODEL = "whisper-large-v3-turbo";
export const DEFAULT_TTS_MODEL = "eleven_flash_v2_5";

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

function baseUrl(value: string | undefined, fallback: string): string {
  return (nonEmpty(value) ?? fallback).replace(/\/+$/, "");
}

export function loadConfig(env: Env = process.env): Config {
  return {
    groqKey: nonEmpty(env.GROQ_API_KEY),
    elevenKey: nonEmpty(env.ELEVENLABS_API_KEY),
    elevenVoiceId: nonEmpty(env.ELEVENLABS_VOICE_ID),
    chatModel: nonEmpty(env.GROQ_CHAT_MODEL) ?? DEFAULT_CHAT_MODEL,
    sttModel: nonEmpty(env.GROQ_STT_MODEL) ?? DEFAULT_STT_MODEL,
    ttsModel: nonEmpty(env.ELEVENLABS_MODEL) ?? DEFAULT_TTS_MODEL,
    groqBaseUrl: baseUrl(env.GROQ_BASE_URL, "https://api.groq.com"),
    elevenBaseUrl: baseUrl(env.ELEVENLABS_BASE_URL, "https://api.elevenlabs.io"),
    duffelToken: nonEmpty(env.DUFFEL_ACCESS_TOKEN),
    duffelBaseUrl: baseUrl(env.DUFFEL_BASE_URL, "https://api.duffel.com"),
    redisUrl: nonEmpty(env.REDIS_URL),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "http://localhost:3000")
      .split(",")
      .map((o) => o.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    upstreamTimeoutMs: positiveInt(env.UPSTREAM_TIMEOUT_MS, 15_000),
    rateLimitBurst: positiveInt(env.RATE_LIMIT_BURST, 20),
    rateLimitPerMinute: positiveInt(env.RATE_LIMIT_PER_MINUTE, 60),
    lookupRateLimitBurst: positiveInt(env.LOOKUP_RATE_LIMIT_BURST, 5),
    lookupRateLimitPerMinute: positiveInt(env.LOOKUP_RATE_LIMIT_PER_MINUTE, 10),
  };
}

/** Which upstream tiers can work: booleans only, never the values. */
export function tiers(config: Config): { stt: boolean; llm: boolean; tts: boolean } {
  return {
    stt: config.groqKey !== null,
    llm: config.groqKey !== null,
    tts: config.elevenKey !== null && config.elevenVoiceId !== null,
  };
}
