/** A local stand-in for Duffel (offer requests, orders, order cancellations) that records what
 * the proxy sent. Its offers follow Duffel's schema: several owners (United, American, the
 * sandbox's Duffel Airways "ZZ" selling in GBP), nonstop, one-stop and overnight itineraries, a
 * second fare brand of one flight, an offer that has already expired, round trips as two
 * slices. Modes make searches and orders slow, failing, rate limited (with Duffel's `ratelimit-*`
 * headers) or refused (422); single offers can be repriced or withdrawn before an order.
 * Like a careless upstream it echoes the token in error bodies, so tests can prove the proxy
 * never passes one on. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const TEST_DUFFEL_TOKEN = "duffel_test_FAKE_token_3b9d2e7f1a";

export type DuffelMode = "ok" | "slow" | "failing" | "rate_limited" | "validation" | "bad_json";

export interface DuffelRecorded {
  method: string;
  /** Path with the query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  json?: any;
}

/** An offer as sold: what an order must pay and for whom. */
export interface IssuedOffer {
  id: string;
  total_amount: string;
  total_currency: string;
  passenger_ids: string[];
  expires_at: string;
}

export interface FakeDuffel {
  url: string;
  /** How offer requests are answered. */
  searchMode: DuffelMode;
  /** How orders and cancellations are answered. */
  orderMode: DuffelMode;
  slowDelayMs: number;
  /** Seconds until the rate limit resets (429 answers). */
  rateLimitResetSeconds: number;
  /** When set, how long every unexpired offer is sold for (minutes), instead of the fixtures'. */
  offerLifetimeMinutes: number | null;
  requests: DuffelRecorded[];
  issued: Map<string, IssuedOffer>;
  /** Offers whose price moved since the search (an order gets `price_changed`). */
  repriced: Set<string>;
  /** Offers the airline stopped selling (an order gets `offer_no_longer_available`). */
  withdrawn: Set<string>;
  orders: Map<string, { id: string; offer_id: string; cancelled: boolean; body: any }>;
  reset(): void;
  close(): Promise<void>;
}

/** Metro codes the fixtures land at (Duffel answers a city search with real airports). */
const METRO_AIRPORT: Record<string, string> = { NYC: "EWR", CHI: "ORD", WAS: "IAD", LON: "LHR", HOU: "IAH" };
const airport = (code: string) => METRO_AIRPORT[code] ?? code;

interface SegmentPlan {
  carrier: string;
  number: string;
  from: string;
  to: string;
  depart: string;
  /** Days after the slice's date the segment lands. */
  arriveDay: number;
  arrive: string;
  duration: string;
}

interface SlicePlan {
  duration: string;
  segments: SegmentPlan[];
}

interface OfferPlan {
  owner: { iata_code: string; name: string };
  /** Per passenger, in `currency`. */
  fare: number;
  currency: string;
  outbound: (from: string, to: string) => SlicePlan;
  inbound: (from: string, to: string) => SlicePlan;
  /** Minutes until Duffel stops selling it (negative: already expired). */
  expiresInMinutes: number;
}

const nonstop = (carrier: string, number: string, depart: string, arrive: string, duration: string, arriveDay = 0) =>
  (from: string, to: string): SlicePlan => ({
    duration,
    segments: [{ carrier, number, from, to, depart, arrive, arriveDay, duration }],
  });

/** The fixtures: one entry per offer Duffel would send for any route. */
export const OFFER_PLANS: OfferPlan[] = [
  {
    owner: { iata_code: "UA", name: "United Airlines" },
    fare: 412.3,
    currency: "USD",
    outbound: nonstop("UA", "1423", "08:05", "16:35", "PT5H30M"),
    inbound: nonstop("UA", "1424", "17:40", "21:10", "PT6H30M"),
    expiresInMinutes: 20,
  },
  {
    // A second fare brand (more flexible) of the same flights: one itinerary, listed once.
    owner: { iata_code: "UA", name: "United Airlines" },
    fare: 512.3,
    currency: "USD",
    outbound: nonstop("UA", "1423", "08:05", "16:35", "PT5H30M"),
    inbound: nonstop("UA", "1424", "17:40", "21:10", "PT6H30M"),
    expiresInMinutes: 20,
  },
  {
    owner: { iata_code: "UA", name: "United Airlines" },
    fare: 298,
    currency: "USD",
    outbound: (from, to) => ({
      duration: "PT7H5M",
      segments: [
        { carrier: "UA", number: "612", from, to: "DEN", depart: "06:00", arrive: "09:10", arriveDay: 0, duration: "PT2H10M" },
        { carrier: "UA", number: "1870", from: "DEN", to, depart: "10:15", arrive: "16:05", arriveDay: 0, duration: "PT3H50M" },
      ],
    }),
    inbound: (from, to) => ({
      duration: "PT8H20M",
      segments: [
        { carrier: "UA", number: "455", from, to: "ORD", depart: "07:30", arrive: "09:05", arriveDay: 0, duration: "PT2H35M" },
        { carrier: "UA", number: "1102", from: "ORD", to, depart: "10:40", arrive: "12:50", arriveDay: 0, duration: "PT4H10M" },
      ],
    }),
    expiresInMinutes: 20,
  },
  {
    // Overnight: lands the next morning.
    owner: { iata_code: "UA", name: "United Airlines" },
    fare: 389,
    currency: "USD",
    outbound: nonstop("UA", "2210", "22:40", "06:55", "PT5H15M", 1),
    inbound: nonstop("UA", "2211", "06:00", "09:25", "PT6H25M"),
    expiresInMinutes: 20,
  },
  {
    owner: { iata_code: "AA", name: "American Airlines" },
    fare: 355,
    currency: "USD",
    outbound: nonstop("AA", "100", "09:00", "17:20", "PT5H20M"),
    inbound: nonstop("AA", "101", "12:15", "15:45", "PT6H30M"),
    expiresInMinutes: 20,
  },
  {
    // Already expired when sent (Duffel lists offers until their request is refreshed).
    owner: { iata_code: "AA", name: "American Airlines" },
    fare: 199,
    currency: "USD",
    outbound: nonstop("AA", "200", "13:00", "21:25", "PT5H25M"),
    inbound: nonstop("AA", "201", "08:00", "11:30", "PT6H30M"),
    expiresInMinutes: -1,
  },
  {
    // The sandbox airline, selling in pounds.
    owner: { iata_code: "ZZ", name: "Duffel Airways" },
    fare: 190,
    currency: "GBP",
    outbound: nonstop("ZZ", "0042", "11:20", "19:45", "PT5H25M"),
    inbound: nonstop("ZZ", "0043", "09:10", "12:35", "PT6H25M"),
    expiresInMinutes: 25,
  },
];

const pad = (n: number) => String(n).padStart(2, "0");
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let serial = 0;
/** A Duffel-looking id ("off_0000AbC..."). */
function duffelId(prefix: string): string {
  serial += 1;
  return `${prefix}_0000${Date.now().toString(36).toUpperCase()}${pad(serial)}${Math.random().toString(36).slice(2, 8)}`;
}

const place = (code: string) => ({ type: "airport", iata_code: code, name: `${code} Airport`, time_zone: "America/New_York" });

function sliceJson(plan: SlicePlan, date: string, passengerIds: string[], cabin: string) {
  const segments = plan.segments.map((s) => ({
    id: duffelId("seg"),
    origin: place(s.from),
    destination: place(s.to),
    departing_at: `${date}T${s.depart}:00`,
    arriving_at: `${addDays(date, s.arriveDay)}T${s.arrive}:00`,
    duration: s.duration,
    marketing_carrier: { iata_code: s.carrier, name: s.carrier },
    marketing_carrier_flight_number: s.number,
    operating_carrier: { iata_code: s.carrier, name: s.carrier },
    operating_carrier_flight_number: s.number,
    passengers: passengerIds.map((id) => ({ passenger_id: id, cabin_class: cabin, cabin_class_marketing_name: cabin })),
  }));
  const first = plan.segments[0]!;
  const last = plan.segments[plan.segments.length - 1]!;
  return { id: duffelId("sli"), origin: place(first.from), destination: place(last.to), duration: plan.duration, segments };
}

/** Duffel's `offers` for an offer request body (`data.slices`, `data.passengers`, `data.cabin_class`). */
export function duffelOffers(request: any, nowMs: number = Date.now(), lifetimeMinutes: number | null = null) {
  const slices: any[] = request?.data?.slices ?? [];
  const count = Array.isArray(request?.data?.passengers) ? request.data.passengers.length : 1;
  const ids = Array.from({ length: count }, () => duffelId("pas"));
  const cabin = request?.data?.cabin_class ?? "economy";
  const out = slices[0];
  const back = slices[1];
  return OFFER_PLANS.map((plan) => {
    const sliceList = [sliceJson(plan.outbound(airport(out.origin), airport(out.destination)), out.departure_date, ids, cabin)];
    if (back) sliceList.push(sliceJson(plan.inbound(airport(back.origin), airport(back.destination)), back.departure_date, ids, cabin));
    return {
      id: duffelId("off"),
      live_mode: false,
      owner: { ...plan.owner, id: duffelId("arl") },
      total_amount: (plan.fare * ids.length).toFixed(2),
      total_currency: plan.currency,
      base_amount: (plan.fare * ids.length * 0.8).toFixed(2),
      tax_amount: (plan.fare * ids.length * 0.2).toFixed(2),
      expires_at: new Date(nowMs + (plan.expiresInMinutes > 0 && lifetimeMinutes !== null ? lifetimeMinutes : plan.expiresInMinutes) * 60_000).toISOString(),
      passengers: ids.map((id) => ({ id, type: "adult" })),
      payment_requirements: { requires_instant_payment: true, price_guarantee_expires_at: null },
      slices: sliceList,
      conditions: { refund_before_departure: null, change_before_departure: null },
    };
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function duffelError(type: string, code: string, message: string, source?: Record<string, string>) {
  return {
    meta: { status: 0, request_id: "FakeReq" },
    errors: [{ type, code, title: code.replace(/_/g, " "), message, documentation_url: "https://duffel.com/docs/api/overview/errors", ...(source ? { source } : {}) }],
  };
}

export async function startFakeDuffel(port = 0): Promise<FakeDuffel> {
  const fake: FakeDuffel = {
    url: "",
    searchMode: "ok",
    orderMode: "ok",
    slowDelayMs: 3_000,
    rateLimitResetSeconds: 42,
    offerLifetimeMinutes: null,
    requests: [],
    issued: new Map(),
    repriced: new Set(),
    withdrawn: new Set(),
    orders: new Map(),
    reset() {
      fake.searchMode = "ok";
      fake.orderMode = "ok";
      fake.slowDelayMs = 3_000;
      fake.rateLimitResetSeconds = 42;
      fake.offerLifetimeMinutes = null;
      fake.requests = [];
      fake.issued.clear();
      fake.repriced.clear();
      fake.withdrawn.clear();
      fake.orders.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  /** Order cancellation id -> order id. */
  const cancellations = new Map<string, string>();
  const send = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    const body = JSON.stringify(value).replace('"status":0', `"status":${status}`);
    res.writeHead(status, { "content-type": "application/json", date: new Date().toUTCString(), ...headers });
    res.end(body);
  };

  /** The mode's canned failure, or null to answer normally. */
  async function failure(mode: DuffelMode, res: ServerResponse): Promise<boolean> {
    switch (mode) {
      case "ok":
        return false;
      case "slow":
        await sleep(fake.slowDelayMs);
        return res.destroyed;
      case "failing":
        send(res, 500, duffelError("api_error", "internal_server_error", `Something went wrong for token ${TEST_DUFFEL_TOKEN}`));
        return true;
      case "rate_limited": {
        const reset = new Date(Date.now() + fake.rateLimitResetSeconds * 1000).toUTCString();
        send(res, 429, duffelError("rate_limit_error", "rate_limit_exceeded", "Too many requests, retry after the time in ratelimit-reset"), {
          "ratelimit-limit": "120",
          "ratelimit-remaining": "0",
          "ratelimit-reset": reset,
        });
        return true;
      }
      case "validation":
        send(res, 422, duffelError("validation_error", "invalid_phone_number", `Phone number is invalid (token ${TEST_DUFFEL_TOKEN})`, { field: "phone_number", pointer: "/passengers/0/phone_number" }));
        return true;
      case "bad_json":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"data": {"offers": [ ${TEST_DUFFEL_TOKEN}`);
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    const path = req.url ?? "/";
    const pathname = path.split("?")[0] ?? "/";
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    fake.requests.push({ method: req.method ?? "", path, headers: req.headers, json });

    if (req.headers.authorization !== `Bearer ${TEST_DUFFEL_TOKEN}`) {
      return send(res, 401, duffelError("authentication_error", "access_token_not_found", `The access token ${req.headers.authorization} was not found`));
    }
    if (req.headers["duffel-version"] !== "v2") {
      return send(res, 400, duffelError("invalid_request_error", "invalid_version_header", "Duffel-Version must be v2"));
    }
    if (req.method !== "POST") return send(res, 404, duffelError("invalid_request_error", "not_found", "no such route"));

    if (pathname === "/air/offer_requests") {
      if (await failure(fake.searchMode, res)) return;
      const offers = duffelOffers(json, Date.now(), fake.offerLifetimeMinutes);
      for (const offer of offers) {
        fake.issued.set(offer.id, {
          id: offer.id,
          total_amount: offer.total_amount,
          total_currency: offer.total_currency,
          passenger_ids: offer.passengers.map((p) => p.id),
          expires_at: offer.expires_at,
        });
      }
      return send(res, 201, {
        data: {
          id: duffelId("orq"),
          live_mode: false,
          cabin_class: json?.data?.cabin_class,
          slices: json?.data?.slices ?? [],
          passengers: offers[0]?.passengers ?? [],
          offers,
          created_at: new Date().toISOString(),
        },
      });
    }

    if (pathname === "/air/orders") {
      if (await failure(fake.orderMode, res)) return;
      const data = json?.data ?? {};
      const offer = fake.issued.get(data.selected_offers?.[0]);
      if (!offer) return send(res, 404, duffelError("invalid_request_error", "not_found", "The offer was not found"));
      if ([...fake.orders.values()].some((o) => o.offer_id === offer.id)) {
        return send(res, 422, duffelError("invalid_state_error", "offer_request_already_booked", "This offer request has already been booked"));
      }
      if (fake.withdrawn.has(offer.id) || Date.parse(offer.expires_at) <= Date.now()) {
        return send(res, 422, duffelError("invalid_state_error", "offer_no_longer_available", "The offer is no longer available"));
      }
      if (fake.repriced.has(offer.id)) {
        return send(res, 422, duffelError("invalid_state_error", "price_changed", "The price of this offer has changed"));
      }
      const payment = data.payments?.[0];
      if (payment?.type !== "balance" || payment.amount !== offer.total_amount || payment.currency !== offer.total_currency) {
        return send(res, 422, duffelError("validation_error", "payment_amount_does_not_match_order_amount", "The payment amount does not match the order amount"));
      }
      const passengers: any[] = Array.isArray(data.passengers) ? data.passengers : [];
      const ids = passengers.map((p) => p.id).sort();
      if (ids.join() !== [...offer.passenger_ids].sort().join()) {
        return send(res, 422, duffelError("validation_error", "not_found", "Field 'id' contains ID(s) of linked record(s) that were not found", { field: "id", pointer: "/passengers/0/id" }));
      }
      for (const p of passengers) {
        if (p.gender !== "m" && p.gender !== "f") {
          return send(res, 422, duffelError("validation_error", "invalid_gender", "gender must be m or f", { field: "gender", pointer: "/passengers/0/gender" }));
        }
        if (typeof p.phone_number !== "string" || !/^\+[1-9]\d{6,14}$/.test(p.phone_number)) {
          return send(res, 422, duffelError("validation_error", "invalid_phone_number", "Phone number is invalid", { field: "phone_number", pointer: "/passengers/0/phone_number" }));
        }
      }
      const id = duffelId("ord");
      fake.orders.set(id, { id, offer_id: offer.id, cancelled: false, body: data });
      return send(res, 201, {
        data: {
          id,
          type: "instant",
          live_mode: false,
          booking_reference: "RZPNX8",
          total_amount: offer.total_amount,
          total_currency: offer.total_currency,
          metadata: data.metadata ?? null,
          passengers,
          payment_status: { awaiting_payment: false, paid_at: new Date().toISOString() },
          available_actions: ["cancel", "change", "update"],
          documents: [{ type: "electronic_ticket", unique_identifier: "1", passenger_ids: offer.passenger_ids }],
          created_at: new Date().toISOString(),
        },
      });
    }

    if (pathname === "/air/order_cancellations") {
      if (await failure(fake.orderMode, res)) return;
      const order = fake.orders.get(json?.data?.order_id);
      if (!order) return send(res, 404, duffelError("invalid_request_error", "not_found", "The order was not found"));
      if (order.cancelled) return send(res, 422, duffelError("invalid_state_error", "already_cancelled", "The order has already been cancelled"));
      const cancellationId = duffelId("ore");
      cancellations.set(cancellationId, order.id);
      return send(res, 201, {
        data: {
          id: cancellationId,
          order_id: order.id,
          refund_amount: "0.00",
          refund_currency: "USD",
          refund_to: "balance",
          expires_at: new Date(Date.now() + 10 * 60_000).toISOString(),
          confirmed_at: null,
          live_mode: false,
        },
      });
    }

    const confirm = /^\/air\/order_cancellations\/(ore_[A-Za-z0-9]+)\/actions\/confirm$/.exec(pathname);
    if (confirm) {
      if (await failure(fake.orderMode, res)) return;
      const order = fake.orders.get(cancellations.get(confirm[1] ?? "") ?? "");
      if (!order) return send(res, 404, duffelError("invalid_request_error", "not_found", "The cancellation was not found"));
      if (order.cancelled) return send(res, 422, duffelError("invalid_state_error", "already_cancelled", "The order has already been cancelled"));
      order.cancelled = true;
      return send(res, 200, { data: { id: confirm[1], order_id: order.id, confirmed_at: new Date().toISOString(), live_mode: false } });
    }

    return send(res, 404, duffelError("invalid_request_error", "not_found", "no such route"));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

// Standalone, to try live fares without a Duffel account: `npx tsx test/fake-duffel.ts [port]`
// in www/ (default 4011), then start the app with the variables it prints.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeDuffel(Number(process.argv[2] ?? 4011));
  console.log(`fake Duffel on ${fake.url}`);
  console.log("start the app against it, from the repository root in another terminal:");
  console.log(`  DUFFEL_ACCESS_TOKEN=${TEST_DUFFEL_TOKEN} DUFFEL_BASE_URL=${fake.url} bash .ci/start.sh`);
}
