import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleOffers } from "../api/_lib/core.js";
import { fareCacheKey, redisCacheReady, resetFareCaches } from "../api/_lib/fare-cache.js";
import { openSeal, type SealedPayload } from "../api/_lib/offer-seal.js";
import { resetRateLimits } from "../api/_lib/rate-limit.js";
import { duffelBreaker, handler as search, MAX_SEARCH_BODY_BYTES } from "../api/flights/search.js";
import { startFakeDuffel, TEST_DUFFEL_TOKEN, type FakeDuffel } from "./fake-duffel.js";
import { call, jsonRequest, seen } from "./helpers.js";

const SECRET = "test-offer-signing-secret-0123456789";
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const TODAY = day(0);

let fake: FakeDuffel;
const logged: string[] = [];

const ENV_KEYS = ["DUFFEL_ACCESS_TOKEN", "DUFFEL_BASE_URL", "REDIS_URL", "OFFER_SIGNING_SECRET", "UPSTREAM_TIMEOUT_MS", "RATE_LIMIT_BURST"];

/** Duffel configured against the fake (overrides may unset with undefined). */
async function configure(overrides: Record<string, string | undefined> = {}) {
  for (const key of ENV_KEYS) delete process.env[key];
  const env: Record<string, string | undefined> = {
    DUFFEL_ACCESS_TOKEN: TEST_DUFFEL_TOKEN,
    DUFFEL_BASE_URL: fake.url,
    OFFER_SIGNING_SECRET: SECRET,
    UPSTREAM_TIMEOUT_MS: "400",
    RATE_LIMIT_BURST: "1000",
    ...overrides,
  };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  resetRateLimits();
  duffelBreaker.reset();
  await resetFareCaches();
  fake.reset();
}

beforeAll(async () => {
  fake = await startFakeDuffel();
});
afterAll(async () => {
  await resetFareCaches();
  await fake.close();
  for (const key of ENV_KEYS) delete process.env[key];
  // No response and no log line of this suite holds the token.
  expect(seen.map((r) => r.body + r.headers).join("\n")).not.toContain(TEST_DUFFEL_TOKEN);
  expect(logged.join("\n")).not.toContain(TEST_DUFFEL_TOKEN);
});
beforeEach(async () => {
  await configure();
  for (const method of ["log", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterEach(() => {
  vi.useRealTimers();
});

const body = (overrides: Record<string, unknown> = {}) => ({
  origin: "SFO",
  destination: "NYC",
  departure_date: day(30),
  return_date: null,
  passengers: 1,
  cabin: "economy",
  today: TODAY,
  seed: 12345,
  ...overrides,
});
const searchFor = (value: unknown, headers: Record<string, string> = {}) => call(search, jsonRequest("/api/flights/search", value, { headers }));
const offerRequests = () => fake.requests.filter((r) => r.path.startsWith("/air/offer_requests")).length;

function opened(offer: any): SealedPayload {
  const result = openSeal(offer.seal, SECRET, Date.now());
  if (!result.ok) throw new Error(`seal ${result.reason}`);
  return result.payload;
}

describe("POST /api/flights/search with Duffel", () => {
  it("answers live offers, United first, each sealed with what the order needs", async () => {
    const { status, json } = await searchFor(body({ passengers: 2 }));
    expect(status).toBe(200);
    expect(json.source).toBe("live");
    expect(json.offers.map((o: any) => o.flight_number)).toEqual(["UA 612", "UA 2210", "UA 1423", "ZZ 0042", "AA 100"]);
    expect(json.offers.map((o: any) => o.option)).toEqual([1, 2, 3, 4, 5]);
    for (const offer of json.offers) {
      const payload = opened(offer);
      const { seal, ...plain } = offer;
      expect(payload.offer).toEqual(plain);
      expect(payload.source).toBe("live");
      expect(seal.source).toBe("live");
      expect(payload.search).toEqual({ origin: "SFO", destination: "NYC", departure_date: day(30), return_date: null, passengers: 2, cabin: "economy" });
      const issued = fake.issued.get(payload.duffel!.offer_id)!;
      expect(payload.duffel).toEqual({
        offer_id: issued.id,
        passenger_ids: issued.passenger_ids,
        total_amount: issued.total_amount,
        total_currency: issued.total_currency,
      });
      // Duffel's own expiry (20-25 minutes here) comes before our 30.
      expect(seal.expires_at).toBe(issued.expires_at);
      expect(payload.expires_at).toBe(issued.expires_at);
    }
  });

  it("caps a seal at 30 minutes when Duffel sells the offer for longer", async () => {
    fake.offerLifetimeMinutes = 120;
    const before = Date.now();
    const { json } = await searchFor(body());
    const after = Date.now();
    for (const offer of json.offers) {
      const sealedUntil = Date.parse(offer.seal.expires_at);
      expect(sealedUntil).toBeGreaterThanOrEqual(before + 30 * 60_000);
      expect(sealedUntil).toBeLessThanOrEqual(after + 30 * 60_000);
    }
  });

  it("answers an identical search from the cache for 5 minutes, then asks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const first = await searchFor(body());
    expect(offerRequests()).toBe(1);
    const second = await searchFor(body({ today: TODAY, seed: 999 }));
    expect(second.json.source).toBe("live");
    expect(offerRequests()).toBe(1);
    const ids = (r: any) => r.json.offers.map((o: any) => opened(o).duffel!.offer_id);
    expect(ids(second)).toEqual(ids(first));
    // Another search is another question.
    await searchFor(body({ passengers: 2 }));
    expect(offerRequests()).toBe(2);
    vi.setSystemTime(Date.now() + 5 * 60_000 + 1_000);
    await searchFor(body());
    expect(offerRequests()).toBe(3);
  });

  it("asks Duffel once for identical searches that arrive together", async () => {
    const answers = await Promise.all([searchFor(body()), searchFor(body()), searchFor(body())]);
    expect(answers.map((a) => a.json.source)).toEqual(["live", "live", "live"]);
    expect(offerRequests()).toBe(1);
  });

  it("asks for round trips as two slices and answers offers with a return flight", async () => {
    const { json } = await searchFor(body({ return_date: day(36), passengers: 3, cabin: "business" }));
    expect(json.source).toBe("live");
    const sent = fake.requests[0]!.json.data;
    expect(sent.slices).toEqual([
      { origin: "SFO", destination: "NYC", departure_date: day(30) },
      { origin: "NYC", destination: "SFO", departure_date: day(36) },
    ]);
    expect(sent.passengers).toHaveLength(3);
    expect(sent.cabin_class).toBe("business");
    const first = json.offers[0];
    expect(first.return_flight).toMatchObject({ option: 1, from: "EWR", to: "SFO", date: day(36), cabin: "business" });
    expect(first.price_usd).toBe(298 * 3);
    expect(opened(first).offer.return_flight).toEqual(first.return_flight);
  });
});

describe("falling back to the sample generator", () => {
  it("uses the core's generator on the server without a token, with the caller's seed", async () => {
    await configure({ DUFFEL_ACCESS_TOKEN: undefined });
    const { status, json } = await searchFor(body({ return_date: day(33), passengers: 2 }));
    expect(status).toBe(200);
    expect(json.source).toBe("sample");
    expect(fake.requests).toHaveLength(0);
    const expected = sampleOffers({ ...body({ return_date: day(33), passengers: 2 }) } as any);
    expect(json.offers.length).toBeGreaterThan(0);
    const withoutSeals = ({ seal: _s, return_flight, ...o }: any): unknown =>
      ({ ...o, return_flight: return_flight ? withoutSeals(return_flight) : null });
    expect(json.offers.map(withoutSeals)).toEqual(expected.map(withoutSeals));
    for (const offer of json.offers) {
      const payload = opened(offer);
      expect(payload.source).toBe("sample");
      expect(payload.duffel).toBeUndefined();
      expect(Date.parse(offer.seal.expires_at) - Date.now()).toBeGreaterThan(29 * 60_000);
    }
  });

  it("answers sample offers when Duffel times out, within the deadline", async () => {
    fake.searchMode = "slow";
    const started = performance.now();
    const { status, json } = await searchFor(body());
    expect(status).toBe(200);
    expect(json.source).toBe("sample");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(logged.some((line) => line.includes("Duffel timeout; sample offers instead"))).toBe(true);
  });

  it("skips Duffel after three failures in a row, and tries again after the cool-down", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    fake.searchMode = "failing";
    for (let i = 0; i < 3; i++) {
      const { json } = await searchFor(body({ departure_date: day(30 + i) }));
      expect(json.source).toBe("sample");
    }
    expect(offerRequests()).toBe(3);
    fake.searchMode = "ok";
    const skipped = await searchFor(body({ departure_date: day(40) }));
    expect(skipped.json.source).toBe("sample");
    expect(offerRequests()).toBe(3);
    vi.setSystemTime(Date.now() + 61_000);
    const back = await searchFor(body({ departure_date: day(40) }));
    expect(back.json.source).toBe("live");
    expect(offerRequests()).toBe(4);
  });

  it("rests Duffel as long as its 429 asks, and does not count a refused search", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    fake.searchMode = "rate_limited";
    fake.rateLimitResetSeconds = 30;
    expect((await searchFor(body())).json.source).toBe("sample");
    fake.searchMode = "ok";
    expect((await searchFor(body())).json.source).toBe("sample");
    expect(offerRequests()).toBe(1);
    vi.setSystemTime(Date.now() + 31_000);
    expect((await searchFor(body())).json.source).toBe("live");

    // A 422 is about that search, not Duffel's health: the breaker stays closed.
    fake.searchMode = "validation";
    for (let i = 0; i < 4; i++) expect((await searchFor(body({ departure_date: day(50 + i) }))).json.source).toBe("sample");
    expect(offerRequests()).toBe(6);
  });
});

describe("search validation", () => {
  const cases: [string, unknown, RegExp][] = [
    ["an unknown code", body({ origin: "QQX" }), /origin` QQX is not an airport/],
    ["a name instead of a code", body({ destination: "Boston" }), /three-letter/],
    ["the same place twice", body({ origin: "JFK", destination: "NYC" }), /same place/],
    ["a past date", body({ departure_date: day(-3) }), /in the past/],
    ["a date past the window", body({ departure_date: day(340) }), /331 days/],
    ["a date that does not exist", body({ departure_date: "2027-02-30" }), /YYYY-MM-DD/],
    ["a return before the departure", body({ return_date: day(20) }), /before the departure/],
    ["10 passengers", body({ passengers: 10 }), /1 to 9/],
    ["0 passengers", body({ passengers: 0 }), /1 to 9/],
    ["1.5 passengers", body({ passengers: 1.5 }), /1 to 9/],
    ["a bad cabin", body({ cabin: "coach" }), /economy, premium_economy, business or first/],
    ["a today far from the server's", body({ today: day(-5) }), /today/],
    ["a negative seed", body({ seed: -1 }), /seed/],
    ["an array", [body()], /JSON object/],
    ["non-JSON", "{origin: SFO", /not valid JSON/],
  ];
  it.each(cases)("refuses %s with 400 and asks nothing upstream", async (_name, value, message) => {
    const { status, json } = await searchFor(value);
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
    expect(json.error.message).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it("takes lowercase codes, metro codes and a missing today or seed", async () => {
    const { status, json } = await searchFor(body({ origin: "sfo", destination: "chi", today: undefined, seed: undefined }));
    expect(status).toBe(200);
    expect(opened(json.offers[0]).search).toMatchObject({ origin: "SFO", destination: "CHI" });
  });

  it("refuses a big body (413), another type (415), another method (405) and floods (429)", async () => {
    const big = await searchFor({ ...body(), padding: "x".repeat(MAX_SEARCH_BODY_BYTES) });
    expect(big.status).toBe(413);
    const text = await call(search, new Request("http://localhost:3000/api/flights/search", {
      method: "POST", body: JSON.stringify(body()), headers: { "content-type": "text/plain", "x-forwarded-for": "10.0.0.2" },
    }));
    expect(text.status).toBe(415);
    const get = await call(search, new Request("http://localhost:3000/api/flights/search"));
    expect(get.status).toBe(405);
    await configure({ RATE_LIMIT_BURST: "2" });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await searchFor(body(), { "x-forwarded-for": "10.9.9.9" })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("a shared cache in Redis", () => {
  const redisUrl = process.env.TEST_REDIS_URL;

  it("keeps searching, without the cache, when Redis is unreachable (and never logs its URL)", async () => {
    await configure({ REDIS_URL: "redis://fares:s3cret-pass@127.0.0.1:1" });
    expect((await searchFor(body())).json.source).toBe("live");
    expect((await searchFor(body())).json.source).toBe("live");
    expect(offerRequests()).toBe(2);
    expect(logged.join("\n")).not.toContain("s3cret-pass");
  });

  describe.skipIf(!redisUrl)("against a real redis-server (.ci/redis.sh)", () => {
    const inspector = createClient({ url: redisUrl });
    beforeAll(async () => {
      await inspector.connect();
      await inspector.flushDb();
    });
    afterAll(async () => {
      await inspector.close();
    });

    it("shares answers between instances for 5 minutes", async () => {
      await configure({ REDIS_URL: redisUrl });
      expect(await redisCacheReady(redisUrl!)).toBe(true);
      const first = await searchFor(body({ departure_date: day(60) }));
      expect(first.json.source).toBe("live");
      const key = fareCacheKey({ origin: "SFO", destination: "NYC", departure_date: day(60), return_date: null, passengers: 1, cabin: "economy" });
      const ttl = await inspector.pTTL(key);
      expect(ttl).toBeGreaterThan(290_000);
      expect(ttl).toBeLessThanOrEqual(300_000);

      // Another instance: nothing in its memory, a connection of its own.
      await resetFareCaches();
      expect(await redisCacheReady(redisUrl!)).toBe(true);
      const second = await searchFor(body({ departure_date: day(60) }));
      expect(second.json.source).toBe("live");
      expect(offerRequests()).toBe(1);
      const ids = (r: any) => r.json.offers.map((o: any) => opened(o).duffel!.offer_id);
      expect(ids(second)).toEqual(ids(first));

      // Gone from Redis (expired), asked again.
      await inspector.del(key);
      await searchFor(body({ departure_date: day(60) }));
      expect(offerRequests()).toBe(2);
    });
  });
});
