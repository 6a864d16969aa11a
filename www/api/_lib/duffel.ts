/** Duffel: live fares (an offer request) normalised into the core's `Offer` shape, and orders
 * (place, cancel) for sealed live offers (`duffelOrders`, the `Orders` of ./orders.ts).
 *
 * The access token only ever goes into the Authorization header, and Duffel's bodies are
 * never passed on (they can echo what was sent): failures become a `DuffelFailure` holding
 * only the status, Duffel's error codes and field names, which callers map to our codes. */

import type { Offer } from "united-voice";
import type { Config } from "./config.js";
import { HttpError } from "./errors.js";
import type { SealedPayload } from "./offer-seal.js";
import type { Contact, Orders, Traveller } from "./orders.js";

export interface DuffelOptions {
  token: string;
  baseUrl: string;
  /** Our deadline for the whole call (headers and body). */
  timeoutMs: number;
}

/** The search a fare answers (the `search` part of a seal). */
export type FareSearch = SealedPayload["search"];
type DuffelPart = NonNullable<SealedPayload["duffel"]>;

/** One live offer, normalised: the core's `Offer` (option numbered), what an order needs, and
 * until when Duffel sells it. */
export interface LiveFare {
  offer: Offer;
  duffel: DuffelPart;
  expires_at: string;
}

/** A voice call reads three options at a time; more than nine is a list nobody remembers. */
export const MAX_LIVE_OFFERS = 9;
const UNITED = "UA";
const CABINS = new Set(["economy", "premium_economy", "business", "first"]);

/** US dollars per unit of the fares' currencies, fixed (approximate rates, late 2026): only the
 * price Alex says is converted, in whole dollars; the order is paid in the fare's own amount and
 * currency, kept in the seal. A fare in a currency not listed here is left out. */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  CAD: 0.72,
  AUD: 0.65,
  MXN: 0.055,
  CHF: 1.12,
  JPY: 0.0066,
};

/** A Duffel call that did not succeed. Its message is safe to log (kind and status only). */
export class DuffelFailure extends Error {
  constructor(
    readonly kind: "timeout" | "network" | "status" | "unreadable",
    readonly status: number,
    /** `errors[].code` and `errors[].type` from Duffel's answer. */
    readonly codes: string[] = [],
    /** The request fields Duffel's validation errors point at ("phone_number"). */
    readonly fields: string[] = [],
    /** 429: how long Duffel asks us to wait. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`Duffel ${kind}${status ? ` ${status}` : ""}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Seconds to wait after a 429: `retry-after`, else Duffel's `ratelimit-reset` (an HTTP date,
 * measured against the answer's own `date` so clock skew does not matter), else 5. */
export function retryAfterSeconds(headers: Headers, nowMs: number = Date.now()): number {
  const retry = Number(headers.get("retry-after"));
  if (Number.isFinite(retry) && retry > 0) return clamp(Math.ceil(retry), 1, 3600);
  const reset = headers.get("ratelimit-reset");
  if (reset) {
    const asNumber = Number(reset);
    const serverNow = Date.parse(headers.get("date") ?? "");
    const base = Number.isFinite(serverNow) ? serverNow : nowMs;
    // A number is epoch seconds when it is that large, else seconds from now.
    const resetMs = Number.isFinite(asNumber)
      ? (asNumber > 1e9 ? asNumber * 1000 : base + asNumber * 1000)
      : Date.parse(reset);
    if (Number.isFinite(resetMs)) return clamp(Math.ceil((resetMs - base) / 1000), 1, 3600);
  }
  return 5;
}

function failureFrom(response: Response, body: unknown): DuffelFailure {
  const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
  const codes = errors.flatMap((e) => [text(e.code), text(e.type)]).filter((c): c is string => c !== null);
  const fields = errors
    .map((e) => (isRecord(e.source) ? text(e.source.field) ?? text(e.source.pointer) : null))
    .filter((f): f is string => f !== null)
    .map((f) => f.split("/").filter(Boolean).pop() ?? f);
  const wait = response.status === 429 ? retryAfterSeconds(response.headers) : null;
  return new DuffelFailure("status", response.status, codes, fields, wait);
}

/** POST to Duffel with our deadline over the headers and the body; resolves with `data`. */
async function duffelPost(options: DuffelOptions, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.token}`,
          "duffel-version": "v2",
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      throw new DuffelFailure(controller.signal.aborted ? "timeout" : "network", 0);
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      if (controller.signal.aborted) throw new DuffelFailure("timeout", response.status);
      if (response.ok) throw new DuffelFailure("unreadable", response.status);
    }
    if (!response.ok) throw failureFrom(response, json);
    if (!isRecord(json) || !isRecord(json.data)) throw new DuffelFailure("unreadable", response.status);
    return json.data;
  } finally {
    clearTimeout(timer);
  }
}

// ---- search --------------------------------------------------------------------------------

/** Minutes in an ISO 8601 duration ("PT5H30M", "P1DT2H"); null when it is not one. */
export function isoMinutes(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === "P" || value.endsWith("T")) return null;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(min ?? 0) + Math.round(Number(s ?? 0) / 60);
}

/** Date and "HH:MM" of a local ISO datetime as Duffel writes them ("2027-01-14T08:05:00"). */
function localParts(value: unknown): { date: string; time: string } | null {
  const m = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value) : null;
  return m ? { date: m[1]!, time: `${m[2]}:${m[3]}` } : null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function iata(place: unknown): string | null {
  return isRecord(place) ? text(place.iata_code) : null;
}

/** One slice as the core's one-direction `Offer` (option and price filled in later), or null
 * when Duffel left out something the offer needs. */
function sliceLeg(slice: unknown, airline: string, requestedCabin: string): Offer | null {
  if (!isRecord(slice) || !Array.isArray(slice.segments) || slice.segments.length === 0) return null;
  const segments = slice.segments.filter(isRecord);
  if (segments.length !== slice.segments.length) return null;
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const depart = localParts(first.departing_at);
  const arrive = localParts(last.arriving_at);
  const from = iata(first.origin);
  const to = iata(last.destination);
  const carrier = isRecord(first.marketing_carrier) ? text(first.marketing_carrier.iata_code) : null;
  const number = text(first.marketing_carrier_flight_number);
  // The slice's own duration covers the connections; the segments' sum is a lower bound.
  const segmentSum = segments.map((s) => isoMinutes(s.duration));
  const duration = isoMinutes(slice.duration)
    ?? (segmentSum.every((m) => m !== null) ? segmentSum.reduce<number>((a, m) => a + (m ?? 0), 0) : null);
  if (!depart || !arrive || !from || !to || !carrier || !number || duration === null || duration <= 0) return null;
  const passengers = Array.isArray(first.passengers) ? first.passengers.filter(isRecord) : [];
  const segmentCabin = text(passengers[0]?.cabin_class);
  const stops = segments.length - 1;
  return {
    option: 0,
    airline,
    flight_number: `${carrier} ${number}`,
    from,
    to,
    date: depart.date,
    depart_time: depart.time,
    arrive_time: arrive.time,
    // Westbound over the date line a flight can land "the day before": shown as the same day.
    arrival_day_offset: clamp(daysBetween(depart.date, arrive.date), 0, 255),
    duration_minutes: Math.min(duration, 65_535),
    stops,
    via: stops > 0 ? iata(first.destination) : null,
    cabin: (segmentCabin && CABINS.has(segmentCabin) ? segmentCabin : requestedCabin) as Offer["cabin"],
    price_usd: 0,
    return_flight: null,
  };
}

interface Candidate extends LiveFare {
  united: boolean;
  /** The legs' flights and times: fare brands of one itinerary share it. */
  itinerary: string;
}

function candidate(raw: unknown, search: FareSearch, nowMs: number): Candidate | null {
  if (!isRecord(raw)) return null;
  const id = text(raw.id);
  const amountText = text(raw.total_amount);
  const currency = text(raw.total_currency);
  const expiresMs = Date.parse(text(raw.expires_at) ?? "");
  const owner = isRecord(raw.owner) ? raw.owner : {};
  const airline = text(owner.name);
  const amount = Number(amountText);
  const rate = currency ? USD_PER_UNIT[currency] : undefined;
  if (!id || !amountText || !currency || !airline || rate === undefined || !Number.isFinite(amount) || amount <= 0) return null;
  if (!Number.isFinite(expiresMs) || expiresMs <= nowMs) return null;
  const passengerIds = Array.isArray(raw.passengers)
    ? raw.passengers.map((p) => (isRecord(p) ? text(p.id) : null))
    : [];
  if (passengerIds.length !== search.passengers || passengerIds.some((p) => p === null)) return null;
  const slices = Array.isArray(raw.slices) ? raw.slices : [];
  if (slices.length !== (search.return_date ? 2 : 1)) return null;
  const outbound = sliceLeg(slices[0], airline, search.cabin);
  const back = search.return_date ? sliceLeg(slices[1], airline, search.cabin) : null;
  if (!outbound || (search.return_date && !back)) return null;
  const priceUsd = Math.round(amount * rate);
  // Duffel prices a round trip as one fare: the return leg carries half of it.
  const offer: Offer = { ...outbound, price_usd: priceUsd, return_flight: back ? { ...back, price_usd: Math.floor(priceUsd / 2) } : null };
  const legKey = (o: Offer) => `${o.flight_number} ${o.date} ${o.depart_time} ${o.stops}`;
  return {
    offer,
    duffel: { offer_id: id, passenger_ids: passengerIds as string[], total_amount: amountText, total_currency: currency },
    expires_at: new Date(expiresMs).toISOString(),
    united: text(owner.iata_code) === UNITED,
    itinerary: back ? `${legKey(outbound)} / ${legKey(back)}` : legKey(outbound),
  };
}

/** Duffel's offers as the list Alex reads: usable and unexpired offers only, one per itinerary
 * (the cheapest fare brand), United's first where United flies the route, then by price and
 * departure, at most `MAX_LIVE_OFFERS`, numbered 1..n in that order. */
export function normaliseOffers(rawOffers: unknown[], search: FareSearch, nowMs: number = Date.now()): LiveFare[] {
  const sorted = rawOffers
    .map((raw) => candidate(raw, search, nowMs))
    .filter((c): c is Candidate => c !== null)
    .sort((a, b) =>
      Number(b.united) - Number(a.united)
      || a.offer.price_usd - b.offer.price_usd
      || `${a.offer.date} ${a.offer.depart_time}`.localeCompare(`${b.offer.date} ${b.offer.depart_time}`)
      || a.offer.flight_number.localeCompare(b.offer.flight_number));
  const seen = new Set<string>();
  const kept: LiveFare[] = [];
  for (const c of sorted) {
    if (seen.has(c.itinerary)) continue;
    seen.add(c.itinerary);
    const option = kept.length + 1;
    const offer: Offer = {
      ...c.offer,
      option,
      return_flight: c.offer.return_flight ? { ...c.offer.return_flight, option } : null,
    };
    kept.push({ offer, duffel: c.duffel, expires_at: c.expires_at });
    if (kept.length === MAX_LIVE_OFFERS) break;
  }
  return kept;
}

/** Duffel's own wait for slow airlines, inside our deadline (Duffel accepts 2-60 s). */
function supplierTimeoutMs(timeoutMs: number): number {
  return clamp(timeoutMs - 1000, 2000, 60_000);
}

/** Live fares for a search. Throws `DuffelFailure` (the caller falls back to sample offers). */
export async function searchDuffel(search: FareSearch, options: DuffelOptions): Promise<LiveFare[]> {
  const slices = [{ origin: search.origin, destination: search.destination, departure_date: search.departure_date }];
  if (search.return_date) {
    slices.push({ origin: search.destination, destination: search.origin, departure_date: search.return_date });
  }
  const data = await duffelPost(
    options,
    `/air/offer_requests?return_offers=true&supplier_timeout=${supplierTimeoutMs(options.timeoutMs)}`,
    {
      data: {
        slices,
        passengers: Array.from({ length: search.passengers }, () => ({ type: "adult" })),
        cabin_class: search.cabin,
        // The Offer shape names one connection ("one stop in Denver").
        max_connections: 1,
      },
    },
  );
  // Expiry is judged after the answer came (a search can take seconds).
  return normaliseOffers(Array.isArray(data.offers) ? data.offers : [], search, Date.now());
}

// ---- orders --------------------------------------------------------------------------------

/** Duffel codes that mean the fare is gone: search again. */
const OFFER_GONE = new Set([
  "offer_no_longer_available",
  "offer_expired",
  "offer_request_already_booked",
  "offer_request_expired",
  "not_found",
]);
/** Duffel codes that mean the price moved since the search. */
const PRICE_CHANGED = new Set(["price_changed", "offer_price_changed", "payment_amount_does_not_match_order_amount"]);

/** Our words for the field a Duffel validation error points at (Alex can say them). */
const FIELD_MESSAGES: Record<string, string> = {
  given_name: "The airline did not accept a traveller's first name.",
  family_name: "The airline did not accept a traveller's last name.",
  born_on: "The airline did not accept a traveller's date of birth.",
  gender: "The airline did not accept a traveller's gender.",
  title: "The airline did not accept a traveller's title.",
  email: "The airline did not accept the email address.",
  phone_number: "The airline did not accept the phone number.",
};

/** A failed order call as one of our errors. */
export function orderError(failure: unknown, action: "place" | "cancel"): HttpError {
  if (failure instanceof HttpError) return failure;
  if (!(failure instanceof DuffelFailure)) return new HttpError("upstream_error", "The airline could not be reached.");
  if (failure.kind === "timeout") return new HttpError("upstream_timeout", "The airline took too long to answer.");
  if (failure.kind === "network") return new HttpError("upstream_error", "The airline could not be reached.");
  if (failure.kind === "unreadable") return new HttpError("upstream_error", "The airline sent an unreadable answer.");
  const { status, codes } = failure;
  if (status === 429) {
    return new HttpError("rate_limited", "The airline is busy; try again shortly.", {
      "retry-after": String(failure.retryAfterSeconds ?? 5),
    });
  }
  if (action === "place") {
    if (codes.some((c) => PRICE_CHANGED.has(c))) {
      return new HttpError("fare_changed", "The fare's price has changed; search again for the new price.");
    }
    if (codes.some((c) => OFFER_GONE.has(c)) || status === 404) {
      return new HttpError("offer_expired", "The airline no longer sells this fare; search again.");
    }
  }
  if (status === 400 || status === 422) {
    const known = failure.fields.map((f) => FIELD_MESSAGES[f]).find((m) => m !== undefined);
    const fallback = action === "place"
      ? "The airline did not accept the booking details."
      : "The airline cannot cancel this booking online.";
    return new HttpError("bad_request", known ?? fallback);
  }
  if (status === 404) return new HttpError("upstream_error", "The airline has no record of this booking.");
  if (status === 401 || status === 403) {
    return new HttpError("upstream_error", "The airline booking service refused our request.");
  }
  return new HttpError("upstream_error", `The airline booking service failed (status ${status}).`);
}

/** "+1 (415) 555-0123", "4155550123" -> "+14155550123" (ten digits alone are taken as North
 * American); null when it cannot be an E.164 number. */
export function e164(phone: string): string | null {
  const compact = phone.replace(/[\s().-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^\d{10}$/.test(compact)) return `+1${compact}`;
  if (/^1\d{10}$/.test(compact)) return `+${compact}`;
  return null;
}

function duffelPassengers(live: DuffelPart, travellers: Traveller[], contact: Contact) {
  if (travellers.length !== live.passenger_ids.length) {
    throw new HttpError("bad_request", `This fare is for ${live.passenger_ids.length} traveller${live.passenger_ids.length === 1 ? "" : "s"}.`);
  }
  if (travellers.some((t) => t.gender !== "f" && t.gender !== "m")) {
    throw new HttpError("bad_request", "The airline only takes female or male as the gender on the ticket.");
  }
  const email = contact.email?.trim();
  const phone = contact.phone ? e164(contact.phone) : null;
  if (!email || !contact.phone) {
    throw new HttpError("bad_request", "The airline needs both an email address and a phone number.");
  }
  if (!phone) {
    throw new HttpError("bad_request", "The phone number needs its country code, like +1 415 555 0123.");
  }
  return travellers.map((t, i) => ({
    id: live.passenger_ids[i],
    given_name: t.given_name,
    family_name: t.family_name,
    born_on: t.born_on,
    gender: t.gender,
    // Duffel requires a title; the gender on the ID is all we know.
    title: t.gender === "f" ? "ms" : "mr",
    email,
    phone_number: phone,
  }));
}

/** Orders through Duffel with the configured token (see `Orders`). A timed-out order is not
 * retried: it may have gone through, and only the airline's records can tell. */
export function duffelOrders(config: Pick<Config, "duffelToken" | "duffelBaseUrl" | "upstreamTimeoutMs">): Orders {
  const options = (): DuffelOptions => {
    if (!config.duffelToken) throw new HttpError("not_configured", "Live fares are not configured.");
    return { token: config.duffelToken, baseUrl: config.duffelBaseUrl, timeoutMs: config.upstreamTimeoutMs };
  };
  return {
    async place(payload, travellers, contact, idempotencyKey) {
      const live = payload.duffel;
      if (payload.source !== "live" || !live) throw new HttpError("bad_request", "This offer is not a live fare.");
      const passengers = duffelPassengers(live, travellers, contact);
      let order: Record<string, unknown>;
      try {
        order = await duffelPost(options(), "/air/orders", {
          data: {
            type: "instant",
            selected_offers: [live.offer_id],
            passengers,
            payments: [{ type: "balance", amount: live.total_amount, currency: live.total_currency }],
            metadata: { idempotency_key: idempotencyKey },
          },
        });
      } catch (error) {
        throw orderError(error, "place");
      }
      const orderId = text(order.id);
      const reference = text(order.booking_reference);
      if (!orderId || !reference) throw new HttpError("upstream_error", "The airline sent an unreadable answer.");
      return { order_id: orderId, airline_reference: reference };
    },

    async cancel(orderId) {
      if (!/^ord_[A-Za-z0-9]{1,64}$/.test(orderId)) throw new HttpError("bad_request", "That is not an airline order.");
      const alreadyCancelled = (error: unknown) =>
        error instanceof DuffelFailure && error.codes.includes("already_cancelled");
      try {
        const quote = await duffelPost(options(), "/air/order_cancellations", { data: { order_id: orderId } });
        const quoteId = text(quote.id);
        if (!quoteId || !/^ore_[A-Za-z0-9]{1,64}$/.test(quoteId)) {
          throw new HttpError("upstream_error", "The airline sent an unreadable answer.");
        }
        await duffelPost(options(), `/air/order_cancellations/${quoteId}/actions/confirm`);
      } catch (error) {
        // Cancelling twice is fine (BOOKINGS.md).
        if (alreadyCancelled(error)) return;
        throw orderError(error, "cancel");
      }
    },
  };
}
