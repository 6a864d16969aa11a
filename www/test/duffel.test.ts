import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DuffelFailure,
  duffelOrders,
  e164,
  isoMinutes,
  MAX_LIVE_OFFERS,
  normaliseOffers,
  orderError,
  retryAfterSeconds,
  searchDuffel,
  type FareSearch,
  type LiveFare,
} from "../api/_lib/duffel.js";
import { HttpError } from "../api/_lib/errors.js";
import type { SealedPayload } from "../api/_lib/offer-seal.js";
import type { Traveller } from "../api/_lib/orders.js";
import { duffelOffers, startFakeDuffel, TEST_DUFFEL_TOKEN, type FakeDuffel } from "./fake-duffel.js";

const ONE_WAY: FareSearch = {
  origin: "SFO",
  destination: "NYC",
  departure_date: "2027-01-14",
  return_date: null,
  passengers: 1,
  cabin: "economy",
};
const ROUND_TRIP: FareSearch = { ...ONE_WAY, return_date: "2027-01-20", passengers: 2 };

/** Duffel's answer to this search, as the fake builds it. */
function rawOffers(search: FareSearch, nowMs = Date.now()) {
  const slices = [{ origin: search.origin, destination: search.destination, departure_date: search.departure_date }];
  if (search.return_date) slices.push({ origin: search.destination, destination: search.origin, departure_date: search.return_date });
  return duffelOffers({ data: { slices, passengers: Array.from({ length: search.passengers }, () => ({ type: "adult" })), cabin_class: search.cabin } }, nowMs);
}

const byNumber = (fares: LiveFare[], number: string) => {
  const fare = fares.find((f) => f.offer.flight_number === number);
  if (!fare) throw new Error(`no ${number}`);
  return fare;
};

describe("normalising Duffel offers", () => {
  it("puts United first, then by price, one fare per itinerary, numbered 1..n", () => {
    const fares = normaliseOffers(rawOffers(ONE_WAY), ONE_WAY);
    expect(fares.map((f) => [f.offer.option, f.offer.flight_number, f.offer.price_usd])).toEqual([
      [1, "UA 612", 298],
      [2, "UA 2210", 389],
      // The flexible fare brand of UA 1423 ($512.30) is the same itinerary: only the cheaper stays.
      [3, "UA 1423", 412],
      // £190 at the table's 1.27.
      [4, "ZZ 0042", 241],
      [5, "AA 100", 355],
    ]);
    // The offer that had expired when Duffel sent it is left out.
    expect(fares.some((f) => f.offer.flight_number === "AA 200")).toBe(false);
  });

  it("reads local times, durations, overnight arrivals, stops and the connection", () => {
    const fares = normaliseOffers(rawOffers(ONE_WAY), ONE_WAY);
    expect(byNumber(fares, "UA 1423").offer).toMatchObject({
      airline: "United Airlines",
      from: "SFO",
      to: "EWR",
      date: "2027-01-14",
      depart_time: "08:05",
      arrive_time: "16:35",
      arrival_day_offset: 0,
      duration_minutes: 330,
      stops: 0,
      via: null,
      cabin: "economy",
      return_flight: null,
    });
    expect(byNumber(fares, "UA 2210").offer).toMatchObject({ depart_time: "22:40", arrive_time: "06:55", arrival_day_offset: 1, duration_minutes: 315 });
    expect(byNumber(fares, "UA 612").offer).toMatchObject({ stops: 1, via: "DEN", depart_time: "06:00", arrive_time: "16:05", duration_minutes: 425 });
  });

  it("keeps the fare's own amount, currency, offer and passenger ids for the order", () => {
    const raw = rawOffers(ONE_WAY);
    const fares = normaliseOffers(raw, ONE_WAY);
    const zz = byNumber(fares, "ZZ 0042");
    const source = raw.find((o) => o.id === zz.duffel.offer_id)!;
    expect(zz.duffel).toEqual({
      offer_id: source.id,
      passenger_ids: source.passengers.map((p) => p.id),
      total_amount: "190.00",
      total_currency: "GBP",
    });
    expect(zz.expires_at).toBe(source.expires_at);
  });

  it("makes a round trip one offer with its return flight, priced for the whole trip", () => {
    const fares = normaliseOffers(rawOffers(ROUND_TRIP), ROUND_TRIP);
    const first = fares[0]!;
    expect(first.offer.flight_number).toBe("UA 612");
    expect(first.offer.price_usd).toBe(596);
    expect(first.offer.return_flight).toMatchObject({
      option: 1,
      flight_number: "UA 455",
      from: "EWR",
      to: "SFO",
      date: "2027-01-20",
      depart_time: "07:30",
      arrive_time: "12:50",
      stops: 1,
      via: "ORD",
      duration_minutes: 500,
      price_usd: 298,
      return_flight: null,
    });
    expect(first.duffel.passenger_ids).toHaveLength(2);
    expect(fares.every((f) => f.offer.return_flight !== null)).toBe(true);
  });

  it("leaves out offers it cannot represent and stops at nine", () => {
    const raw = rawOffers(ONE_WAY);
    const base = raw[0]!;
    const many = Array.from({ length: 15 }, (_, i) => {
      const copy = structuredClone(base);
      copy.id = `off_many_${i}`;
      copy.slices[0]!.segments[0]!.marketing_carrier_flight_number = String(3000 + i);
      return copy;
    });
    expect(normaliseOffers(many, ONE_WAY)).toHaveLength(MAX_LIVE_OFFERS);

    const unknownCurrency = { ...structuredClone(base), total_currency: "XAU" };
    const noSegments = structuredClone(base);
    noSegments.slices[0]!.segments = [];
    const wrongPassengers = { ...structuredClone(base), passengers: [] };
    const twoSlices = structuredClone(rawOffers(ROUND_TRIP)[0]!);
    expect(normaliseOffers([unknownCurrency, noSegments, wrongPassengers, twoSlices, "junk", null], ONE_WAY)).toEqual([]);
  });

  it("reads ISO 8601 durations", () => {
    expect(isoMinutes("PT5H30M")).toBe(330);
    expect(isoMinutes("PT45M")).toBe(45);
    expect(isoMinutes("P1DT2H")).toBe(1560);
    expect(isoMinutes("PT1H0M30S")).toBe(61);
    for (const bad of ["P", "PT", "5H", "PT5X", "", null, 330]) expect(isoMinutes(bad)).toBeNull();
  });
});

describe("Duffel's rate-limit headers", () => {
  it("takes Retry-After, else ratelimit-reset against the answer's Date, else 5 seconds", () => {
    expect(retryAfterSeconds(new Headers({ "retry-after": "12" }))).toBe(12);
    const date = new Date("2026-12-06T22:00:00Z");
    const reset = new Date("2026-12-06T22:00:42Z");
    expect(retryAfterSeconds(new Headers({ date: date.toUTCString(), "ratelimit-reset": reset.toUTCString() }), 0)).toBe(42);
    expect(retryAfterSeconds(new Headers())).toBe(5);
  });
});

describe("order errors", () => {
  const status = (code: number, codes: string[] = [], fields: string[] = []) => new DuffelFailure("status", code, codes, fields);

  it("maps Duffel's codes to the ones the client acts on", () => {
    expect(orderError(status(422, ["price_changed"]), "place").code).toBe("fare_changed");
    expect(orderError(status(422, ["payment_amount_does_not_match_order_amount", "validation_error"]), "place").code).toBe("fare_changed");
    expect(orderError(status(422, ["offer_no_longer_available"]), "place").code).toBe("offer_expired");
    expect(orderError(status(422, ["offer_request_already_booked"]), "place").code).toBe("offer_expired");
    expect(orderError(status(404, ["not_found"]), "place").code).toBe("offer_expired");
    expect(orderError(status(422, ["validation_error"], ["born_on"]), "place")).toMatchObject({
      code: "bad_request",
      message: "The airline did not accept a traveller's date of birth.",
    });
    expect(orderError(status(500), "place").code).toBe("upstream_error");
    expect(orderError(status(401), "cancel").code).toBe("upstream_error");
    expect(orderError(new DuffelFailure("timeout", 0), "place").code).toBe("upstream_timeout");
    const limited = orderError(new DuffelFailure("status", 429, [], [], 30), "place");
    expect(limited.code).toBe("rate_limited");
    expect(limited.headers["retry-after"]).toBe("30");
  });

  it("writes phone numbers as E.164", () => {
    expect(e164("+1 (415) 555-0123")).toBe("+14155550123");
    expect(e164("415.555.0123")).toBe("+14155550123");
    expect(e164("+44 20 7946 0958")).toBe("+442079460958");
    expect(e164("555-0123")).toBeNull();
  });
});

describe("Duffel over HTTP", () => {
  let fake: FakeDuffel;
  const logged: string[] = [];
  beforeAll(async () => {
    fake = await startFakeDuffel();
  });
  afterAll(async () => {
    await fake.close();
    // Nothing this suite did wrote the token anywhere.
    expect(logged.join("\n")).not.toContain(TEST_DUFFEL_TOKEN);
  });
  beforeEach(() => {
    fake.reset();
    for (const method of ["log", "warn", "error"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
  });

  const config = (overrides: { duffelToken?: string | null; upstreamTimeoutMs?: number } = {}) => ({
    duffelToken: TEST_DUFFEL_TOKEN,
    duffelBaseUrl: fake.url,
    upstreamTimeoutMs: 400,
    ...overrides,
  });
  const options = () => ({ token: TEST_DUFFEL_TOKEN, baseUrl: fake.url, timeoutMs: 400 });

  /** A live fare as a seal would carry it, fresh from the fake. */
  async function liveFare(search: FareSearch = ONE_WAY): Promise<SealedPayload> {
    const fares = await searchDuffel(search, options());
    const fare = fares[0]!;
    return { v: 1, source: "live", offer: fare.offer as unknown as Record<string, unknown>, search, expires_at: fare.expires_at, duffel: fare.duffel };
  }
  const dana: Traveller = { given_name: "Dana", family_name: "Whitfield", born_on: "1988-04-02", gender: "f" };
  const contact = { email: "dana@example.com", phone: "+1 415 555 0123" };
  const KEY = "call-7f3a9c1e2b4d-1";

  it("asks for offers with the token, version, supplier timeout and the search", async () => {
    const fares = await searchDuffel(ROUND_TRIP, { ...options(), timeoutMs: 15_000 });
    expect(fares.length).toBeGreaterThan(0);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe("/air/offer_requests?return_offers=true&supplier_timeout=14000");
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_DUFFEL_TOKEN}`);
    expect(sent.headers["duffel-version"]).toBe("v2");
    expect(sent.json).toEqual({
      data: {
        slices: [
          { origin: "SFO", destination: "NYC", departure_date: "2027-01-14" },
          { origin: "NYC", destination: "SFO", departure_date: "2027-01-20" },
        ],
        passengers: [{ type: "adult" }, { type: "adult" }],
        cabin_class: "economy",
        max_connections: 1,
      },
    });
  });

  it("turns a failed search into a DuffelFailure that holds no body", async () => {
    fake.searchMode = "failing";
    const error = await searchDuffel(ONE_WAY, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuffelFailure);
    expect(error).toMatchObject({ kind: "status", status: 500 });
    expect(String((error as Error).message)).not.toContain(TEST_DUFFEL_TOKEN);
    fake.searchMode = "slow";
    await expect(searchDuffel(ONE_WAY, options())).rejects.toMatchObject({ kind: "timeout" });
    fake.searchMode = "bad_json";
    await expect(searchDuffel(ONE_WAY, options())).rejects.toMatchObject({ kind: "unreadable" });
    fake.searchMode = "rate_limited";
    await expect(searchDuffel(ONE_WAY, options())).rejects.toMatchObject({ status: 429, retryAfterSeconds: 42 });
  });

  it("places an instant order paid from the balance, with our idempotency key in metadata", async () => {
    const payload = await liveFare({ ...ONE_WAY, passengers: 2 });
    const pat: Traveller = { given_name: "Pat", family_name: "Whitfield", born_on: "1986-11-20", gender: "m" };
    const placed = await duffelOrders(config()).place(payload, [dana, pat], contact, KEY);
    expect(placed).toEqual({ order_id: expect.stringMatching(/^ord_/), airline_reference: "RZPNX8" });
    const order = fake.requests.find((r) => r.path === "/air/orders")!.json.data;
    expect(order).toEqual({
      type: "instant",
      selected_offers: [payload.duffel!.offer_id],
      passengers: [
        { id: payload.duffel!.passenger_ids[0], given_name: "Dana", family_name: "Whitfield", born_on: "1988-04-02", gender: "f", title: "ms", email: "dana@example.com", phone_number: "+14155550123" },
        { id: payload.duffel!.passenger_ids[1], given_name: "Pat", family_name: "Whitfield", born_on: "1986-11-20", gender: "m", title: "mr", email: "dana@example.com", phone_number: "+14155550123" },
      ],
      payments: [{ type: "balance", amount: payload.duffel!.total_amount, currency: payload.duffel!.total_currency }],
      metadata: { idempotency_key: KEY },
    });
  });

  it("says fare_changed when the airline repriced, offer_expired when it stopped selling or was booked", async () => {
    const orders = duffelOrders(config());
    const repriced = await liveFare();
    fake.repriced.add(repriced.duffel!.offer_id);
    await expect(orders.place(repriced, [dana], contact, KEY)).rejects.toMatchObject({ code: "fare_changed", status: 409 });

    const withdrawn = await liveFare();
    fake.withdrawn.add(withdrawn.duffel!.offer_id);
    await expect(orders.place(withdrawn, [dana], contact, KEY)).rejects.toMatchObject({ code: "offer_expired", status: 409 });

    const once = await liveFare();
    await orders.place(once, [dana], contact, KEY);
    await expect(orders.place(once, [dana], contact, "call-another-key-2")).rejects.toMatchObject({ code: "offer_expired" });
  });

  it("answers Duffel's validation errors with a short message of ours", async () => {
    const payload = await liveFare();
    fake.orderMode = "validation";
    const error = await duffelOrders(config()).place(payload, [dana], contact, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: "bad_request", message: "The airline did not accept the phone number." });
  });

  it("passes a 429 on with Retry-After from ratelimit-reset, and maps timeouts and failures", async () => {
    const payload = await liveFare();
    const orders = duffelOrders(config());
    fake.orderMode = "rate_limited";
    fake.rateLimitResetSeconds = 17;
    const limited = (await orders.place(payload, [dana], contact, KEY).catch((e: unknown) => e)) as HttpError;
    expect(limited.code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(16);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(17);
    fake.orderMode = "slow";
    await expect(orders.place(payload, [dana], contact, KEY)).rejects.toMatchObject({ code: "upstream_timeout" });
    fake.orderMode = "failing";
    const failed = (await orders.place(payload, [dana], contact, KEY).catch((e: unknown) => e)) as HttpError;
    expect(failed.code).toBe("upstream_error");
    expect(failed.message).not.toContain(TEST_DUFFEL_TOKEN);
  });

  it("refuses before calling Duffel what Duffel cannot take", async () => {
    const payload = await liveFare();
    const before = fake.requests.length;
    const orders = duffelOrders(config());
    await expect(orders.place(payload, [{ ...dana, gender: "x" }], contact, KEY)).rejects.toMatchObject({ code: "bad_request" });
    await expect(orders.place(payload, [dana, dana], contact, KEY)).rejects.toMatchObject({ code: "bad_request", message: "This fare is for 1 traveller." });
    await expect(orders.place(payload, [dana], { email: "dana@example.com" }, KEY)).rejects.toMatchObject({ code: "bad_request" });
    await expect(orders.place({ ...payload, source: "sample", duffel: undefined }, [dana], contact, KEY)).rejects.toMatchObject({ code: "bad_request" });
    await expect(duffelOrders(config({ duffelToken: null })).place(payload, [dana], contact, KEY)).rejects.toMatchObject({ code: "not_configured" });
    expect(fake.requests.length).toBe(before);
  });

  it("cancels with an order cancellation, confirmed; cancelling twice is fine", async () => {
    const orders = duffelOrders(config());
    const { order_id } = await orders.place(await liveFare(), [dana], contact, KEY);
    await orders.cancel(order_id);
    const paths = fake.requests.map((r) => r.path);
    expect(paths.slice(-2)).toEqual(["/air/order_cancellations", expect.stringMatching(/^\/air\/order_cancellations\/ore_[A-Za-z0-9]+\/actions\/confirm$/)]);
    expect(fake.requests.at(-2)!.json).toEqual({ data: { order_id } });
    expect(fake.orders.get(order_id)!.cancelled).toBe(true);
    await expect(orders.cancel(order_id)).resolves.toBeUndefined();
    await expect(orders.cancel("ord_unknown0000")).rejects.toMatchObject({ code: "upstream_error", message: "The airline has no record of this booking." });
    await expect(orders.cancel("../air/orders")).rejects.toMatchObject({ code: "bad_request" });
  });
});
