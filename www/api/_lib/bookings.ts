/** The bookings endpoints (see ../BOOKINGS.md): validation of what a client sends, and the three
 * handlers, made from their dependencies (the store and the airline orders) so tests can give
 * their own. The endpoint files in ../bookings/ export the handlers over the real ones. */

import { createHash } from "node:crypto";
import { isRecord, parseJson } from "./body.js";
import { loadConfig } from "./config.js";
import { duffelOrders } from "./duffel.js";
import { HttpError } from "./errors.js";
import { openSeal, signingSecret, type SealedPayload } from "./offer-seal.js";
import type { Contact, Orders, Traveller } from "./orders.js";
import { route, type Handler } from "./route.js";
import { LOCATOR_PATTERN, type BookingStore, type NewBooking, type StoredBooking } from "./store/bookings.js";
import { sharedStore } from "./store/index.js";

export const MAX_BOOKING_BODY_BYTES = 64 * 1024;
export const MAX_CANCEL_BODY_BYTES = 1024;
export const MAX_NAME_CHARS = 60;
export const MAX_EMAIL_CHARS = 254;
export const MAX_PASSENGERS = 9;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,80}$/;
/** Letters of any script (with their combining marks), words joined by one space, hyphen or
 * apostrophe; a trailing apostrophe is allowed. No digits, no emoji, no punctuation. */
const NAME = /^\p{L}\p{M}*(?:[ '’-]?\p{L}\p{M}*)*['’]?$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
const PHONE = /^\+[1-9]\d{6,14}$/;
const GENDERS = new Set(["f", "m", "x"]);

export interface BookingDeps {
  store: () => Promise<BookingStore>;
  /** How live offers are ordered; null when no airline is configured (live bookings get 503). */
  orders: () => Orders | null;
  /** The seal secret (OFFER_SIGNING_SECRET, or this process's own). */
  secret?: () => string;
  now?: () => number;
}

const bad = (message: string) => new HttpError("bad_request", message);

function name(value: unknown, field: string): string {
  if (typeof value !== "string") throw bad(`\`${field}\` must be a string.`);
  const trimmed = value.normalize("NFC").trim();
  const length = [...trimmed].length;
  if (length === 0 || length > MAX_NAME_CHARS) throw bad(`\`${field}\` must be 1 to ${MAX_NAME_CHARS} letters.`);
  if (!NAME.test(trimmed)) throw bad(`\`${field}\` may hold only letters, spaces, hyphens and apostrophes.`);
  return trimmed;
}

/** A real calendar date, after 1900 and before today (UTC). */
function birthDate(value: unknown, field: string, nowMs: number): string {
  const match = typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (!match) throw bad(`\`${field}\` must be a date like 1988-04-02.`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw bad(`\`${field}\` is not a real date.`);
  }
  const today = new Date(nowMs).toISOString().slice(0, 10);
  if (value as string >= today || year < 1900) throw bad(`\`${field}\` must be a past date after 1900.`);
  return value as string;
}

function traveller(value: unknown, index: number, nowMs: number): Traveller {
  const at = `travellers[${index}]`;
  if (!isRecord(value)) throw bad(`\`${at}\` must be an object.`);
  const gender = value.gender;
  if (typeof gender !== "string" || !GENDERS.has(gender)) throw bad(`\`${at}.gender\` must be f, m or x.`);
  return {
    given_name: name(value.given_name, `${at}.given_name`),
    family_name: name(value.family_name, `${at}.family_name`),
    born_on: birthDate(value.born_on, `${at}.born_on`, nowMs),
    gender: gender as Traveller["gender"],
  };
}

function contact(value: unknown): Contact {
  if (!isRecord(value)) throw bad("`contact` must be an object with an email or a phone.");
  const result: Contact = {};
  if (value.email !== undefined && value.email !== null) {
    if (typeof value.email !== "string" || value.email.length > MAX_EMAIL_CHARS || !EMAIL.test(value.email)) {
      throw bad("`contact.email` is not an email address.");
    }
    result.email = value.email;
  }
  if (value.phone !== undefined && value.phone !== null) {
    if (typeof value.phone !== "string" || !PHONE.test(value.phone)) {
      throw bad("`contact.phone` must be in international form, like +14155550123.");
    }
    result.phone = value.phone;
  }
  if (!result.email && !result.phone) throw bad("`contact` needs an email or a phone.");
  return result;
}

/** A payload we signed but cannot use is treated like a forged one: search again. */
function checkedPayload(payload: unknown): SealedPayload {
  const p = payload as Partial<SealedPayload> | null;
  const passengers = p?.search?.passengers;
  const ok =
    isRecord(p) &&
    (p.source === "live" || p.source === "sample") &&
    isRecord(p.offer) &&
    typeof p.offer.price_usd === "number" &&
    Number.isInteger(passengers) &&
    (passengers as number) >= 1 &&
    (passengers as number) <= MAX_PASSENGERS &&
    (p.source === "sample" || isRecord(p.duffel));
  if (!ok) throw new HttpError("offer_tampered", "This offer's seal is not valid; search again.");
  return p as SealedPayload;
}

/** Everything but the seal, checked against the sealed search. */
function bookingRequest(body: Record<string, unknown>, payload: SealedPayload, signature: string, nowMs: number): NewBooking {
  const key = body.idempotency_key;
  if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)) {
    throw bad("`idempotency_key` must be 16 to 80 letters, digits, '_' or '-'.");
  }
  const passengers = payload.search.passengers;
  if (!Array.isArray(body.travellers) || body.travellers.length !== passengers) {
    throw bad(`\`travellers\` must list ${passengers} traveller${passengers === 1 ? "" : "s"}, as searched.`);
  }
  const travellers = body.travellers.map((t, i) => traveller(t, i, nowMs));
  if (payload.source === "live" && travellers.some((t) => t.gender === "x")) {
    throw bad("The airline takes only female or male as the gender on this fare.");
  }
  const who = contact(body.contact);
  const requestHash = createHash("sha256").update(JSON.stringify([signature, travellers, who])).digest("hex");
  return { idempotencyKey: key, requestHash, payload, travellers, contact: who };
}

/** The locator from /api/bookings/{locator}[/cancel] (Vercel also passes it as `?locator=`);
 * null when it cannot be one, which the caller answers like an unknown one. */
export function locatorFrom(req: Request): string | null {
  const url = new URL(req.url);
  const match = /^\/api\/bookings\/([^/]+)(?:\/cancel)?\/?$/.exec(url.pathname);
  let raw = match?.[1] ?? url.searchParams.get("locator") ?? "";
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const locator = raw.trim().toUpperCase();
  return LOCATOR_PATTERN.test(locator) ? locator : null;
}

const notFound = () => new HttpError("not_found", "No booking matches that code and last name.");

function lastNameOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length > 0 && [...trimmed].length <= MAX_NAME_CHARS ? trimmed : null;
}

const answer = (booking: StoredBooking) => Response.json({ booking });

/** Runs store work; a failure that is not one of our errors (the database's) gets one log line
 * with its SQLSTATE or name only (messages and details may quote booking data), then becomes
 * the usual 500 in route(). */
async function stored<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof HttpError)) {
      const code = (error as { code?: unknown }).code;
      console.error(`bookings: unexpected failure (${typeof code === "string" ? code : (error as Error)?.name ?? "unknown"})`);
    }
    throw error;
  }
}

/** POST /api/bookings */
export function createBookingHandler(deps: BookingDeps): Handler {
  return route({
    methods: ["POST"],
    rateLimited: true,
    body: { type: "application/json", maxBytes: MAX_BOOKING_BODY_BYTES },
    async run(_req, _config, bytes) {
      const body = parseJson(bytes);
      if (!isRecord(body)) throw bad("Send a JSON object.");
      if (!isRecord(body.offer)) throw bad("`offer` must be the offer, with its seal.");
      const nowMs = deps.now?.() ?? Date.now();
      const seal = body.offer.seal;
      const opened = openSeal(seal, (deps.secret ?? signingSecret)(), nowMs);
      if (!opened.ok && opened.reason === "tampered") {
        throw new HttpError("offer_tampered", "This offer was changed after it was made; search again.");
      }
      const signature = (seal as { signature: string }).signature;
      if (!opened.ok) {
        // Expired, but ours (the signature matched): a repeat of a booking made in time still
        // gets that booking; anything else must search again.
        const expired = new HttpError("offer_expired", "This offer has expired; search again.");
        let request: NewBooking;
        try {
          request = bookingRequest(body, checkedPayload(JSON.parse((seal as { sealed: string }).sealed)), signature, nowMs);
        } catch {
          throw expired;
        }
        const booked = await stored(async () => (await deps.store()).findByKey(request.idempotencyKey, request.requestHash));
        if (!booked) throw expired;
        return answer(booked);
      }
      const request = bookingRequest(body, checkedPayload(opened.payload), signature, nowMs);
      const orders = request.payload.source === "live" ? deps.orders() : null;
      return answer(await stored(async () => (await deps.store()).book(request, orders)));
    },
  });
}

/** GET /api/bookings/{locator}?last_name= */
export function lookupBookingHandler(deps: BookingDeps): Handler {
  return route({
    methods: ["GET"],
    rateLimited: true,
    lookupLimited: true,
    async run(req) {
      const locator = locatorFrom(req);
      const lastName = lastNameOf(new URL(req.url).searchParams.get("last_name"));
      if (!locator || !lastName) throw notFound();
      const booking = await stored(async () => (await deps.store()).find(locator, lastName));
      if (!booking) throw notFound();
      return answer(booking);
    },
  });
}

/** POST /api/bookings/{locator}/cancel with {"last_name"} */
export function cancelBookingHandler(deps: BookingDeps): Handler {
  return route({
    methods: ["POST"],
    rateLimited: true,
    lookupLimited: true,
    body: { type: "application/json", maxBytes: MAX_CANCEL_BODY_BYTES },
    async run(req, _config, bytes) {
      const body = parseJson(bytes);
      if (!isRecord(body)) throw bad("Send a JSON object.");
      if (typeof body.last_name !== "string") throw bad("`last_name` must be a string.");
      const locator = locatorFrom(req);
      const lastName = lastNameOf(body.last_name);
      if (!locator || !lastName) throw notFound();
      const booking = await stored(async () => (await deps.store()).cancel(locator, lastName, deps.orders()));
      if (!booking) throw notFound();
      return answer(booking);
    },
  });
}

/** Live orders for the deployed endpoints: Duffel when its token is set; without one, live
 * offers get 503 `not_configured` (sample bookings need nothing). */
export function configuredOrders(): Orders | null {
  const config = loadConfig();
  return config.duffelToken ? duffelOrders(config) : null;
}

/** What the endpoint files use: the process's store and the configured airline. */
export const defaultDeps: BookingDeps = { store: sharedStore, orders: configuredOrders };
