/** POST /api/flights/search: fares for a search by codes (../BOOKINGS.md) -> {source, offers}.
 *
 * With `DUFFEL_ACCESS_TOKEN`, live fares from Duffel (cached 5 minutes, see fare-cache.ts);
 * without it, or when Duffel fails, times out or its breaker is open, the core's generator run
 * here (`sample`): a search always gets offers the caller can book. Every offer leaves sealed. */

import { isRecord, parseJson } from "../_lib/body.js";
import { Breaker } from "../_lib/breaker.js";
import type { Config } from "../_lib/config.js";
import { knownPlace, sampleOffers, type Offer, type SampleQuery } from "../_lib/core.js";
import { DuffelFailure, searchDuffel, type FareSearch, type LiveFare } from "../_lib/duffel.js";
import { HttpError } from "../_lib/errors.js";
import { FARE_CACHE_TTL_MS, fareCache, fareCacheKey } from "../_lib/fare-cache.js";
import { SEAL_LIFETIME_MS, sealOffer, signingSecret, type SealedPayload } from "../_lib/offer-seal.js";
import { route } from "../_lib/route.js";

export const MAX_SEARCH_BODY_BYTES = 2048;
/** The core's booking window (src/dates, BOOKING_WINDOW_DAYS). */
export const BOOKING_WINDOW_DAYS = 331;
export const MAX_PASSENGERS = 9;
const CABINS = ["economy", "premium_economy", "business", "first"];
/** A live offer that expires sooner than this is not handed out from the cache. */
const MIN_OFFER_LIFE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Three Duffel failures in a row skip Duffel for a minute (each would cost the caller a wait). */
export const duffelBreaker = new Breaker(3, 60_000);

export type FareQuery = SampleQuery;

function bad(message: string): never {
  throw new HttpError("bad_request", message);
}

/** "YYYY-MM-DD" that is a real day, as UTC midnight in ms; null otherwise. */
function isoDay(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value) ? ms : null;
}

const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function placeCode(body: Record<string, unknown>, field: "origin" | "destination") {
  const value = body[field];
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value)) {
    bad(`\`${field}\` must be a three-letter airport or city code.`);
  }
  const place = knownPlace(value.toUpperCase());
  if (!place) bad(`\`${field}\` ${value.toUpperCase()} is not an airport or city code we know.`);
  return place;
}

/** The request body, validated (400 with what is wrong); `today` defaults to the server's. */
export function parseSearch(body: unknown, nowMs: number = Date.now()): FareQuery {
  if (!isRecord(body)) bad("Send a JSON object.");
  const origin = placeCode(body, "origin");
  const destination = placeCode(body, "destination");
  if (origin.airports.some((a) => destination.airports.includes(a))) {
    bad("The origin and destination are the same place.");
  }

  // FARES_TODAY pins the server's day (tests and demos that play a call on a fixed date, as the
  // app's ?today= does); real deployments leave it unset.
  const pinned = isoDay(process.env.FARES_TODAY ?? null);
  const serverToday = pinned ?? Math.floor(nowMs / DAY_MS) * DAY_MS;
  let today = serverToday;
  if (body.today !== undefined && body.today !== null) {
    const claimed = isoDay(body.today);
    // The caller's day may differ from the server's by one (time zones), never more.
    if (claimed === null || Math.abs(claimed - serverToday) > DAY_MS) {
      bad("`today` must be today's date (YYYY-MM-DD).");
    }
    today = claimed;
  }
  const lastDay = today + BOOKING_WINDOW_DAYS * DAY_MS;
  const departure = isoDay(body.departure_date);
  if (departure === null) bad("`departure_date` must be a date, YYYY-MM-DD.");
  if (departure < today) bad("`departure_date` is in the past.");
  if (departure > lastDay) bad(`\`departure_date\` is more than ${BOOKING_WINDOW_DAYS} days ahead.`);
  let returnDay: number | null = null;
  if (body.return_date !== undefined && body.return_date !== null) {
    returnDay = isoDay(body.return_date);
    if (returnDay === null) bad("`return_date` must be a date, YYYY-MM-DD, or null.");
    if (returnDay < departure) bad("`return_date` is before the departure.");
    if (returnDay > lastDay) bad(`\`return_date\` is more than ${BOOKING_WINDOW_DAYS} days ahead.`);
  }

  const passengers = body.passengers;
  if (typeof passengers !== "number" || !Number.isInteger(passengers) || passengers < 1 || passengers > MAX_PASSENGERS) {
    bad(`\`passengers\` must be a whole number from 1 to ${MAX_PASSENGERS}.`);
  }
  const cabin = body.cabin;
  if (typeof cabin !== "string" || !CABINS.includes(cabin)) {
    bad("`cabin` must be economy, premium_economy, business or first.");
  }
  let seed: number;
  if (body.seed === undefined || body.seed === null) {
    seed = Math.floor(Math.random() * 2 ** 32);
  } else if (typeof body.seed === "number" && Number.isSafeInteger(body.seed) && body.seed >= 0) {
    seed = body.seed;
  } else {
    bad("`seed` must be a whole number.");
  }

  return {
    origin: origin.code,
    destination: destination.code,
    departure_date: dayText(departure),
    return_date: returnDay === null ? null : dayText(returnDay),
    passengers,
    cabin,
    today: dayText(today),
    seed,
  };
}

type SealedOffer = Offer & { seal: ReturnType<typeof sealOffer> };

export interface SearchAnswer {
  source: "live" | "sample";
  offers: SealedOffer[];
}

/** The offer as a seal vouches for it: without any seal field, at either level. */
function unsealed(offer: Offer): Record<string, unknown> {
  const { seal: _seal, return_flight, ...rest } = offer;
  if (!return_flight) return { ...rest, return_flight: null };
  const { seal: _inner, ...back } = return_flight;
  return { ...rest, return_flight: back };
}

function sealed(offer: Offer, payload: Omit<SealedPayload, "offer" | "v">, secret: string): SealedOffer {
  const plain = unsealed(offer);
  return { ...(plain as unknown as Offer), seal: sealOffer({ v: 1, offer: plain, ...payload }, secret) };
}

function searchOf(query: FareQuery): FareSearch {
  const { origin, destination, departure_date, return_date, passengers, cabin } = query;
  return { origin, destination, departure_date, return_date, passengers, cabin };
}

function liveAnswer(fares: LiveFare[], query: FareQuery, nowMs: number): SearchAnswer {
  const secret = signingSecret();
  const lifetimeEnd = nowMs + SEAL_LIFETIME_MS;
  return {
    source: "live",
    offers: fares.map((fare) => {
      const expires = Math.min(lifetimeEnd, Date.parse(fare.expires_at));
      return sealed(fare.offer, {
        source: "live",
        search: searchOf(query),
        expires_at: new Date(expires).toISOString(),
        duffel: fare.duffel,
      }, secret);
    }),
  };
}

function sampleAnswer(query: FareQuery, nowMs: number): SearchAnswer {
  const secret = signingSecret();
  const expires_at = new Date(nowMs + SEAL_LIFETIME_MS).toISOString();
  return {
    source: "sample",
    offers: sampleOffers(query).map((offer) => sealed(offer, { source: "sample", search: searchOf(query), expires_at }, secret)),
  };
}

/** Cached fares still worth handing out (renumbered if some ran out); null when none are. */
function stillSelling(fares: LiveFare[], nowMs: number): LiveFare[] | null {
  const alive = fares.filter((f) => Date.parse(f.expires_at) > nowMs + MIN_OFFER_LIFE_MS);
  if (fares.length > 0 && alive.length === 0) return null;
  return alive.map((fare, i) => ({
    ...fare,
    offer: {
      ...fare.offer,
      option: i + 1,
      return_flight: fare.offer.return_flight ? { ...fare.offer.return_flight, option: i + 1 } : null,
    },
  }));
}

/** Whether a failure says Duffel is unwell (a refused search says nothing about the next one). */
function countsAgainstDuffel(failure: DuffelFailure): boolean {
  return failure.kind !== "status" || !(failure.status === 400 || failure.status === 422);
}

/** Duffel searches under way, by cache key: identical searches arriving together share one. */
const inFlight = new Map<string, Promise<LiveFare[]>>();

/** One Duffel search, its breaker accounting and its cache entry (once however many wait). */
function askDuffel(key: string, search: FareSearch, config: Config & { duffelToken: string }): Promise<LiveFare[]> {
  let pending = inFlight.get(key);
  if (pending) return pending;
  pending = (async () => {
    try {
      const fares = await searchDuffel(search, {
        token: config.duffelToken,
        baseUrl: config.duffelBaseUrl,
        timeoutMs: config.upstreamTimeoutMs,
      });
      duffelBreaker.succeeded();
      await fareCache(config.redisUrl).set(key, fares, FARE_CACHE_TTL_MS);
      return fares;
    } catch (error) {
      if (error instanceof DuffelFailure && countsAgainstDuffel(error)) {
        duffelBreaker.failed(Date.now(), error.retryAfterSeconds === null ? undefined : error.retryAfterSeconds * 1000);
      }
      throw error;
    } finally {
      inFlight.delete(key);
    }
  })();
  inFlight.set(key, pending);
  return pending;
}

/** Live fares when Duffel is configured and answers; the sample generator otherwise. */
export async function findFares(query: FareQuery, config: Config): Promise<SearchAnswer> {
  const token = config.duffelToken;
  if (token) {
    const search = searchOf(query);
    const key = fareCacheKey(search);
    const cached = await fareCache(config.redisUrl).get(key);
    const usable = cached && stillSelling(cached, Date.now());
    if (usable) return liveAnswer(usable, query, Date.now());
    if (duffelBreaker.allows()) {
      try {
        const fares = await askDuffel(key, search, { ...config, duffelToken: token });
        return liveAnswer(fares, query, Date.now());
      } catch (error) {
        if (!(error instanceof DuffelFailure)) throw error;
        console.warn(`fares: ${error.message}; sample offers instead`);
      }
    } else {
      console.warn("fares: Duffel is resting after failures; sample offers instead");
    }
  }
  return sampleAnswer(query, Date.now());
}

export const handler = route({
  methods: ["POST"],
  rateLimited: true,
  body: { type: "application/json", maxBytes: MAX_SEARCH_BODY_BYTES },
  async run(_req, config, bytes) {
    const query = parseSearch(parseJson(bytes));
    return Response.json(await findFares(query, config));
  },
});

export default { fetch: handler };
