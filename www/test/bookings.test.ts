/** The bookings endpoints and their store, on every backend (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set): one booking per idempotency key under concurrency, restarts,
 * lookups, cancels, seals and input validation. */

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelBookingHandler,
  createBookingHandler,
  lookupBookingHandler,
  MAX_BOOKING_BODY_BYTES,
  type BookingDeps,
} from "../api/_lib/bookings.js";
import { HttpError } from "../api/_lib/errors.js";
import { sealOffer, type Seal, type SealedPayload } from "../api/_lib/offer-seal.js";
import type { Contact, Orders, Traveller } from "../api/_lib/orders.js";
import { resetRateLimits } from "../api/_lib/rate-limit.js";
import { BookingStore, LOCATOR_PATTERN } from "../api/_lib/store/bookings.js";
import { openStore, type StoreTarget } from "../api/_lib/store/index.js";
import { migrate } from "../api/_lib/store/migrate.js";
import { call, jsonRequest, ORIGIN } from "./helpers.js";
import { BACKENDS } from "./store-backends.js";

const SECRET = "test-offer-signing-secret-0123456789";
const HOUR = 3_600_000;

const OFFER = {
  option: 1, airline: "United", flight_number: "UA 1423", from: "SFO", to: "EWR", date: "2027-01-14",
  depart_time: "08:05", arrive_time: "16:40", arrival_day_offset: 0, duration_minutes: 335, stops: 0,
  via: null, cabin: "economy", price_usd: 412, return_flight: null,
};

function payload(overrides: Partial<SealedPayload> = {}, passengers = 1): SealedPayload {
  return {
    v: 1,
    source: "sample",
    offer: OFFER,
    search: { origin: "SFO", destination: "NYC", departure_date: "2027-01-14", return_date: null, passengers, cabin: "economy" },
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
    ...overrides,
  };
}

function livePayload(passengers = 1): SealedPayload {
  return payload({
    source: "live",
    duffel: { offer_id: "off_0000AgTest", passenger_ids: ["pas_1"], total_amount: "412.00", total_currency: "USD" },
  }, passengers);
}

const DANA: Traveller = { given_name: "Dana", family_name: "Whitfield", born_on: "1988-04-02", gender: "f" };
const CONTACT: Contact = { email: "dana@example.com", phone: "+14155550123" };

let keyCounter = 0;
/** A fresh idempotency key (16-80 characters). */
const newKey = () => `call-test-${process.pid}-${Date.now()}-${++keyCounter}`;

function bookingBody(seal: Seal, overrides: Record<string, unknown> = {}) {
  return { idempotency_key: newKey(), offer: { ...OFFER, seal }, travellers: [DANA], contact: CONTACT, ...overrides };
}

const post = (body: unknown) => jsonRequest("/api/bookings", body);
const lookup = (locator: string, lastName: string) =>
  new Request(`http://localhost:3000/api/bookings/${locator}?last_name=${encodeURIComponent(lastName)}`, {
    headers: { origin: ORIGIN, "x-forwarded-for": "10.0.0.1" },
  });
const cancel = (locator: string, lastName: unknown) => jsonRequest(`/api/bookings/${locator}/cancel`, { last_name: lastName });

/** An airline that counts its calls; `fail` makes the next place() throw. */
class FakeOrders implements Orders {
  placed: { key: string; offerId: string | undefined; travellers: Traveller[] }[] = [];
  cancelled: string[] = [];
  fail: HttpError | null = null;
  constructor(private readonly delayMs = 30) {}
  async place(sealed: SealedPayload, travellers: Traveller[], _contact: Contact, key: string) {
    this.placed.push({ key, offerId: sealed.duffel?.offer_id, travellers });
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.fail) throw this.fail;
    return { order_id: `ord_${this.placed.length}`, airline_reference: `REF${String(this.placed.length).padStart(3, "0")}` };
  }
  async cancel(orderId: string) {
    this.cancelled.push(orderId);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }
}

beforeEach(() => {
  process.env.RATE_LIMIT_BURST = "100000";
  process.env.LOOKUP_RATE_LIMIT_BURST = "100000";
  delete process.env.ALLOWED_ORIGINS;
  resetRateLimits();
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe.each(BACKENDS)("bookings on $name", (backend) => {
  let target: StoreTarget;
  let drop: () => Promise<void>;
  let store: BookingStore;
  let orders: FakeOrders;
  let nowMs: number | null = null;
  const deps: BookingDeps = {
    store: async () => store,
    orders: () => orders,
    secret: () => SECRET,
    now: () => nowMs ?? Date.now(),
  };
  const book = createBookingHandler(deps);
  const find = lookupBookingHandler(deps);
  const cancelIt = cancelBookingHandler(deps);

  /** Rows in the store: what "nothing stored" is checked against. */
  const rowCount = async () => Number((await store.db.query<{ n: string }>("SELECT count(*) AS n FROM bookings")).rows[0]!.n);

  beforeAll(async () => {
    ({ target, drop } = await backend.create());
    store = await openStore(target);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop?.();
  }, 60_000);
  beforeEach(() => {
    orders = new FakeOrders();
    nowMs = null;
  });

  it("stores a booking for a seal made with sealOffer and returns its locator", async () => {
    const { status, json } = await call(book, post(bookingBody(sealOffer(payload(), SECRET))));
    expect(status).toBe(200);
    const booking = json.booking;
    expect(booking.locator).toMatch(LOCATOR_PATTERN);
    expect(booking).toMatchObject({
      status: "confirmed", source: "sample", airline_reference: null, offer: OFFER, travellers: [DANA],
      contact: CONTACT, total_usd: 412, cancelled_at: null,
    });
    expect(Date.parse(booking.created_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(booking.offer.seal).toBeUndefined();
    const stored = await store.db.query("SELECT status FROM bookings WHERE locator = $1", [booking.locator]);
    expect(stored.rows).toEqual([{ status: "confirmed" }]);
    expect(orders.placed).toHaveLength(0); // sample bookings are only recorded
  });

  it("answers the same key twice with the same booking", async () => {
    const body = bookingBody(sealOffer(payload(), SECRET));
    const first = await call(book, post(body));
    const second = await call(book, post(body));
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const rows = await store.db.query("SELECT locator FROM bookings WHERE idempotency_key = $1", [body.idempotency_key]);
    expect(rows.rows).toHaveLength(1);
  });

  it("makes one booking of 50 concurrent submits with one key", async () => {
    const body = bookingBody(sealOffer(payload(), SECRET));
    const before = await rowCount();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(book, post(body))));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.json.booking.locator)).size).toBe(1);
    expect(await rowCount()).toBe(before + 1);
  }, 60_000);

  it("places one airline order for 50 concurrent live submits with one key", async () => {
    const body = bookingBody(sealOffer(livePayload(), SECRET));
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(book, post(body))));
    const ms = performance.now() - started;
    console.warn(`${backend.name}: 50 concurrent live submits of one key answered in ${Math.round(ms)} ms`);
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.json.booking.locator)).size).toBe(1);
    expect(orders.placed).toHaveLength(1);
    expect(orders.placed[0]).toMatchObject({ key: body.idempotency_key, offerId: "off_0000AgTest", travellers: [DANA] });
    expect(answers[0]!.json.booking).toMatchObject({ source: "live", airline_reference: "REF001", status: "confirmed" });
  }, 60_000);

  it.runIf(backend.name === "postgres")("places one order when two server instances race on one key", async () => {
    const second = await openStore(target);
    try {
      const body = bookingBody(sealOffer(livePayload(), SECRET));
      const handlers = [book, createBookingHandler({ ...deps, store: async () => second })];
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => call(handlers[i % 2]!, post(body))));
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      expect(new Set(answers.map((a) => a.json.booking.locator)).size).toBe(1);
      expect(orders.placed).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);

  it("loses nothing when the store is closed and opened again", async () => {
    const { json } = await call(book, post(bookingBody(sealOffer(payload(), SECRET))));
    const before = await rowCount();
    await store.close();
    store = await openStore(target);
    expect(await migrate(store.db)).toEqual([]); // applied once, recorded
    expect(await rowCount()).toBe(before);
    const found = await call(find, lookup(json.booking.locator, "Whitfield"));
    expect(found.status).toBe(200);
    expect(found.json).toEqual(json);
  }, 60_000);

  it("finds a booking by locator and last name, in any case and with or without accents", async () => {
    const travellers = [
      { ...DANA, family_name: "Müller-Núñez" },
      { given_name: "Zoë", family_name: "O'Connor", born_on: "2015-10-31", gender: "x" },
    ];
    const { json } = await call(book, post(bookingBody(sealOffer(payload({}, 2), SECRET), { travellers })));
    const locator: string = json.booking.locator;
    for (const name of ["Müller-Núñez", "MULLER-NUNEZ", "muller nunez", " müller-núñez ", "oconnor", "O’CONNOR"]) {
      const { status, json: found } = await call(find, lookup(locator, name));
      expect(`${name} -> ${status}`).toBe(`${name} -> 200`);
      expect(found.booking.locator).toBe(locator);
    }
    const lower = await call(find, lookup(locator.toLowerCase(), "Muller-Nunez"));
    expect(lower.status).toBe(200);
  });

  it("answers 404 not_found, the same way, whatever was wrong", async () => {
    const { json } = await call(book, post(bookingBody(sealOffer(payload(), SECRET))));
    const locator: string = json.booking.locator;
    const unknown = locator === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
    const answers = await Promise.all([
      call(find, lookup(locator, "Whitfeld")),
      call(find, lookup(locator, "Dana")),
      call(find, lookup(locator, "")),
      call(find, lookup(unknown, "Whitfield")),
      call(find, lookup("K7QX2", "Whitfield")),
      call(find, lookup("K7QX2O", "Whitfield")), // O is not in the alphabet
      call(find, new Request(`http://localhost:3000/api/bookings/${locator}`, { headers: { origin: ORIGIN } })),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(answers[0]!.json);
    }
    expect(answers[0]!.json.error.code).toBe("not_found");
  });

  it("cancels a booking, shows it cancelled, and cancels twice without harm", async () => {
    const { json } = await call(book, post(bookingBody(sealOffer(payload(), SECRET))));
    const locator: string = json.booking.locator;
    expect((await call(cancelIt, cancel(locator, "Whitfeld"))).status).toBe(404);
    const first = await call(cancelIt, cancel(locator, "WHITFIELD"));
    expect(first.status).toBe(200);
    expect(first.json.booking.status).toBe("cancelled");
    expect(Date.parse(first.json.booking.cancelled_at)).toBeGreaterThan(Date.now() - 60_000);
    const found = await call(find, lookup(locator, "Whitfield"));
    expect(found.json.booking.status).toBe("cancelled");
    const again = await call(cancelIt, cancel(locator, "Whitfield"));
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(orders.cancelled).toHaveLength(0); // a sample booking has no airline order
  });

  it("cancels a live booking with the airline once, however many cancels come at once", async () => {
    const { json } = await call(book, post(bookingBody(sealOffer(livePayload(), SECRET))));
    const locator: string = json.booking.locator;
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(cancelIt, cancel(locator, "Whitfield"))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.map((a) => a.json.booking.status)).toEqual(Array(10).fill("cancelled"));
    expect(orders.cancelled).toEqual(["ord_1"]);
  }, 30_000);

  it("keeps a live booking when the airline refuses the cancel", async () => {
    const { json } = await call(book, post(bookingBody(sealOffer(livePayload(), SECRET))));
    const locator: string = json.booking.locator;
    const failing: Orders = { place: orders.place.bind(orders), cancel: async () => { throw new HttpError("upstream_error", "The airline could not be reached."); } };
    const refused = await call(cancelBookingHandler({ ...deps, orders: () => failing }), cancel(locator, "Whitfield"));
    expect(refused.status).toBe(502);
    expect((await call(find, lookup(locator, "Whitfield"))).json.booking.status).toBe("confirmed");
    expect((await call(cancelIt, cancel(locator, "Whitfield"))).json.booking.status).toBe("cancelled");
  });

  it("refuses a tampered seal with 400 offer_tampered and stores nothing", async () => {
    const seal = sealOffer(payload(), SECRET);
    const cheaper = { ...seal, sealed: seal.sealed.replace('"price_usd":412', '"price_usd":12') };
    expect(cheaper.sealed).not.toBe(seal.sealed);
    const flipped = seal.signature[0] === "a" ? "b" : "a";
    const resigned = { ...seal, signature: flipped + seal.signature.slice(1) };
    const otherSecret = sealOffer(payload(), "another-secret-entirely-0123456789");
    const before = await rowCount();
    for (const bad of [cheaper, resigned, otherSecret, { ...seal, signature: "zz" }, undefined]) {
      const { status, json } = await call(book, post(bookingBody(bad as Seal)));
      expect(status).toBe(400);
      expect(json.error.code).toBe("offer_tampered");
    }
    expect(await rowCount()).toBe(before);
  });

  it("trusts the seal's price, never the offer fields next to it", async () => {
    const body = bookingBody(sealOffer(payload(), SECRET));
    body.offer = { ...body.offer, price_usd: 1, flight_number: "UA 1" };
    const { json } = await call(book, post(body));
    expect(json.booking.total_usd).toBe(412);
    expect(json.booking.offer.flight_number).toBe("UA 1423");
  });

  it("refuses an expired seal with 409 offer_expired, but still answers a repeat of a booking made in time", async () => {
    const before = await rowCount();
    const stale = sealOffer(payload({ expires_at: new Date(Date.now() - 1000).toISOString() }), SECRET);
    const expired = await call(book, post(bookingBody(stale)));
    expect(expired.status).toBe(409);
    expect(expired.json.error.code).toBe("offer_expired");
    expect(await rowCount()).toBe(before);

    const body = bookingBody(sealOffer(payload(), SECRET));
    const made = await call(book, post(body));
    nowMs = Date.now() + HOUR;
    const repeat = await call(book, post(body));
    expect(repeat.status).toBe(200);
    expect(repeat.json).toEqual(made.json);
    const other = await call(book, post({ ...body, idempotency_key: newKey() }));
    expect(other.json.error.code).toBe("offer_expired");
  });

  it("refuses a key already used for another booking", async () => {
    const body = bookingBody(sealOffer(payload(), SECRET));
    expect((await call(book, post(body))).status).toBe(200);
    const other = await call(book, post({ ...body, travellers: [{ ...DANA, given_name: "Dan" }] }));
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe("bad_request");
  });

  it("refuses bad input with 400 and stores nothing", async () => {
    const seal = sealOffer(payload(), SECRET);
    const valid = bookingBody(seal);
    const withTraveller = (changes: Record<string, unknown>) => ({ ...valid, travellers: [{ ...DANA, ...changes }] });
    const cases: [string, unknown][] = [
      ["not JSON", "{not json"],
      ["an array", "[]"],
      ["no offer", { ...valid, offer: undefined }],
      ["key too short", { ...valid, idempotency_key: "short" }],
      ["key with spaces", { ...valid, idempotency_key: "call with spaces 123" }],
      ["key as a number", { ...valid, idempotency_key: 12345678901234567 }],
      ["travellers not a list", { ...valid, travellers: DANA }],
      ["two travellers for one seat", { ...valid, travellers: [DANA, DANA] }],
      ["no travellers", { ...valid, travellers: [] }],
      ["a name as a number", withTraveller({ given_name: 42 })],
      ["a 10,000-character name", withTraveller({ family_name: "W".repeat(10_000) })],
      ["a 61-letter name", withTraveller({ family_name: "W".repeat(61) })],
      ["an empty name", withTraveller({ given_name: "  " })],
      ["an emoji name", withTraveller({ given_name: "Dana 😀" })],
      ["an emoji-only name", withTraveller({ family_name: "🙂" })],
      ["digits in a name", withTraveller({ family_name: "Whitfield3" })],
      ["markup in a name", withTraveller({ family_name: "<b>Whitfield</b>" })],
      ["a date that does not exist", withTraveller({ born_on: "2023-02-29" })],
      ["a birth date in the future", withTraveller({ born_on: "2099-01-01" })],
      ["a birth date today", withTraveller({ born_on: new Date().toISOString().slice(0, 10) })],
      ["a birth date not ISO", withTraveller({ born_on: "04/02/1988" })],
      ["a birth date as a number", withTraveller({ born_on: 19880402 })],
      ["an unknown gender", withTraveller({ gender: "female" })],
      ["no gender", withTraveller({ gender: undefined })],
      ["no contact", { ...valid, contact: undefined }],
      ["an empty contact", { ...valid, contact: {} }],
      ["a bad email", { ...valid, contact: { email: "dana@" } }],
      ["a local phone number", { ...valid, contact: { phone: "4155550123" } }],
      ["a phone with letters", { ...valid, contact: { phone: "+1415CALLME" } }],
      ["an email as a list", { ...valid, contact: { email: ["dana@example.com"] } }],
    ];
    const before = await rowCount();
    for (const [what, body] of cases) {
      const { status, json } = await call(book, post(body));
      expect(`${what} -> ${status} ${json?.error?.code}`).toBe(`${what} -> 400 bad_request`);
      expect(json.error.message.length).toBeGreaterThan(0);
    }
    const huge = await call(book, post({ ...valid, padding: "x".repeat(MAX_BOOKING_BODY_BYTES) }));
    expect(huge.status).toBe(413);
    expect(await rowCount()).toBe(before);
    // The same request, valid, books: the cases above failed for what they changed.
    expect((await call(book, post(valid))).status).toBe(200);
  });

  it("accepts names in any script, with hyphens and apostrophes, and stores them trimmed", async () => {
    const travellers = [
      { given_name: " José ", family_name: "García-Márquez", born_on: "1990-02-28", gender: "m" },
      { given_name: "美咲", family_name: "佐藤", born_on: "2000-02-29", gender: "f" },
      { given_name: "Ngozi", family_name: "D'Arcy", born_on: "1950-12-31", gender: "x" },
    ];
    const { status, json } = await call(book, post(bookingBody(sealOffer(payload({}, 3), SECRET), { travellers })));
    expect(status).toBe(200);
    expect(json.booking.travellers[0].given_name).toBe("José");
    expect(json.booking.travellers[1].family_name).toBe("佐藤");
  });

  it("refuses gender x on a live fare before calling the airline", async () => {
    const { status, json } = await call(book, post(bookingBody(sealOffer(livePayload(), SECRET), { travellers: [{ ...DANA, gender: "x" }] })));
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
    expect(orders.placed).toHaveLength(0);
  });

  it("answers 503 for a live offer when no airline is configured, and stores nothing", async () => {
    const before = await rowCount();
    const { status, json } = await call(createBookingHandler({ ...deps, orders: () => null }), post(bookingBody(sealOffer(livePayload(), SECRET))));
    expect(status).toBe(503);
    expect(json.error.code).toBe("not_configured");
    expect(await rowCount()).toBe(before);
  });

  it("passes the airline's refusal on, answers a repeat with it, and lets a new offer use the key", async () => {
    orders.fail = new HttpError("fare_changed", "The fare is now 450 dollars.");
    const body = bookingBody(sealOffer(livePayload(), SECRET));
    const first = await call(book, post(body));
    expect(first.status).toBe(409);
    expect(first.json.error).toEqual({ code: "fare_changed", message: "The fare is now 450 dollars." });
    const repeat = await call(book, post(body));
    expect(repeat.json).toEqual(first.json);
    expect(orders.placed).toHaveLength(1);
    orders.fail = null;
    const newOffer = { ...body, offer: { ...OFFER, seal: sealOffer({ ...livePayload(), offer: { ...OFFER, price_usd: 450 } }, SECRET) } };
    const booked = await call(book, post(newOffer));
    expect(booked.status).toBe(200);
    expect(booked.json.booking.total_usd).toBe(450);
    expect(orders.placed).toHaveLength(2);
  });

  it("never places again after an airline call that ended without an answer", async () => {
    orders.fail = new HttpError("upstream_timeout", "The airline took too long.");
    const body = bookingBody(sealOffer(livePayload(), SECRET));
    expect((await call(book, post(body))).status).toBe(504);
    orders.fail = null;
    const repeat = await call(book, post(body));
    expect(repeat.status).toBe(502);
    expect(repeat.json.error.code).toBe("upstream_error");
    expect(orders.placed).toHaveLength(1);
  });

  it("draws another locator when the one drawn is taken", async () => {
    const draws = ["AAAAAA", "AAAAAA", "BBBBBB"];
    const forced = new BookingStore(store.db, { newLocator: () => draws.shift() ?? "CCCCCC" });
    const handler = createBookingHandler({ ...deps, store: async () => forced });
    const first = await call(handler, post(bookingBody(sealOffer(payload(), SECRET))));
    const second = await call(handler, post(bookingBody(sealOffer(payload(), SECRET))));
    expect([first.json.booking.locator, second.json.booking.locator]).toEqual(["AAAAAA", "BBBBBB"]);
  });

  it("answers a repeat 504 while the first submit is still with the airline, and 502 once that one is abandoned", async () => {
    const hanging: Orders = { place: () => new Promise(() => undefined), cancel: async () => undefined };
    const body = bookingBody(sealOffer(livePayload(), SECRET));
    void call(createBookingHandler({ ...deps, orders: () => hanging }), post(body));
    // Let the first submit claim the key before the repeat arrives (otherwise the repeat may
    // claim it itself and book: a race in the test, not in the store).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const impatient = new BookingStore(store.db, { waitMs: 150 });
    const waiting = await call(createBookingHandler({ ...deps, store: async () => impatient }), post(body));
    expect(waiting.status).toBe(504);
    expect(waiting.json.error.code).toBe("upstream_timeout");
    // The process placing it is taken for dead: whether the airline booked is unknown.
    const later = new BookingStore(store.db, { staleAfterSeconds: 0 });
    const abandoned = await call(createBookingHandler({ ...deps, store: async () => later }), post(body));
    expect(abandoned.status).toBe(502);
    expect(abandoned.json.error.code).toBe("upstream_error");
    expect(orders.placed).toHaveLength(0);
  });

  it("limits lookups and cancels harder than other requests", async () => {
    process.env.LOOKUP_RATE_LIMIT_BURST = "3";
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(find, lookup("ZZZZZZ", "Whitfield")));
    answers.push(await call(cancelIt, cancel("ZZZZZZ", "Whitfield")));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 429, 429]);
    expect(answers[3]!.response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await call(book, post(bookingBody(sealOffer(payload(), SECRET))))).status).toBe(200);
  });
});

describe("POST /api/bookings through route()", () => {
  it("checks method, origin, size, type, then the body, before touching the store", async () => {
    let opened = 0;
    const handler = createBookingHandler({
      store: async () => {
        opened++;
        throw new Error("the store must not be reached");
      },
      orders: () => null,
      secret: () => SECRET,
    });
    const request = (failing: Set<string>) =>
      new Request("http://localhost:3000/api/bookings", {
        method: failing.has("method") ? "PUT" : "POST",
        headers: {
          origin: failing.has("origin") ? "https://evil.example" : ORIGIN,
          "content-type": failing.has("type") ? "text/plain" : "application/json",
          "x-forwarded-for": "10.0.0.9",
          ...(failing.has("size") ? { "content-length": String(MAX_BOOKING_BODY_BYTES + 1) } : {}),
        },
        body: failing.has("size") ? "x" : "{not json",
      });
    const order = [["method", 405], ["origin", 403], ["size", 413], ["type", 415], ["body", 400]] as const;
    for (let i = 0; i < order.length; i++) {
      const failing = new Set<string>(order.slice(i).map(([check]) => check));
      const { status } = await call(handler, request(failing));
      expect(`${order[i]![0]} -> ${status}`).toBe(`${order[i]![0]} -> ${order[i]![1]}`);
    }
    expect(opened).toBe(0);
  });
});

describe("a failing database", () => {
  it("answers 500 internal_error and logs only the error code, never booking data", async () => {
    const failing = new BookingStore({
      kind: "postgres",
      query: async () => {
        throw Object.assign(new Error('duplicate key value violates "Whitfield" dana@example.com'), { code: "XX000" });
      },
      exec: async () => undefined,
      transaction: async () => {
        throw new Error("unused");
      },
      close: async () => undefined,
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = createBookingHandler({ store: async () => failing, orders: () => null, secret: () => SECRET });
    const { status, json, body } = await call(handler, post(bookingBody(sealOffer(payload(), SECRET))));
    expect(status).toBe(500);
    expect(json.error.code).toBe("internal_error");
    expect(body).not.toMatch(/Whitfield|dana@/);
    expect(errors.mock.calls.flat().join("\n")).toBe("bookings: unexpected failure (XX000)");
  });
});
