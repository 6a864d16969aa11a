/** Seals on offers: the proxy signs each offer it hands out (HMAC-SHA256 over the exact JSON
 * text of what it vouches for, with a server secret and an expiry), so a client cannot change a
 * price or a flight before booking. See ../BOOKINGS.md. */

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a seal vouches for. `offer` is the normalised offer without its seal. */
export interface SealedPayload {
  v: 1;
  source: "live" | "sample";
  offer: Record<string, unknown>;
  search: {
    origin: string;
    destination: string;
    departure_date: string;
    return_date: string | null;
    passengers: number;
    cabin: string;
  };
  expires_at: string;
  /** Live offers: what the order needs (Duffel's ids and the fare in its own currency). */
  duffel?: { offer_id: string; passenger_ids: string[]; total_amount: string; total_currency: string };
}

export interface Seal {
  sealed: string;
  signature: string;
  expires_at: string;
  source: "live" | "sample";
}

export type Opened =
  | { ok: true; payload: SealedPayload }
  | { ok: false; reason: "tampered" | "expired" };

/** How long an offer stays bookable (Duffel's own offers usually last 15-30 minutes). */
export const SEAL_LIFETIME_MS = 30 * 60 * 1000;

let processSecret: string | null = null;

/** `OFFER_SIGNING_SECRET`, or (local runs without one) a random secret for this process: seals
 * then die with the process, which only means "search again". */
export function signingSecret(env: Record<string, string | undefined> = process.env): string {
  const configured = env.OFFER_SIGNING_SECRET?.trim();
  if (configured) return configured;
  processSecret ??= randomBytes(32).toString("hex");
  return processSecret;
}

function sign(text: string, secret: string): string {
  return createHmac("sha256", secret).update(text, "utf8").digest("hex");
}

export function sealOffer(payload: SealedPayload, secret: string): Seal {
  const sealed = JSON.stringify(payload);
  return { sealed, signature: sign(sealed, secret), expires_at: payload.expires_at, source: payload.source };
}

/** Checks the signature (in constant time) and then the expiry. Anything malformed is "tampered". */
export function openSeal(seal: unknown, secret: string, nowMs: number): Opened {
  if (typeof seal !== "object" || seal === null) return { ok: false, reason: "tampered" };
  const { sealed, signature } = seal as Record<string, unknown>;
  if (typeof sealed !== "string" || typeof signature !== "string" || !/^[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: "tampered" };
  }
  const expected = Buffer.from(sign(sealed, secret), "hex");
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return { ok: false, reason: "tampered" };
  let payload: SealedPayload;
  try {
    payload = JSON.parse(sealed) as SealedPayload;
  } catch {
    return { ok: false, reason: "tampered" };
  }
  const expires = Date.parse(payload.expires_at);
  if (!Number.isFinite(expires) || expires <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}
