/** The booking store: bookings in PostgreSQL, booked once per idempotency key.
 *
 * A submit claims its key with `INSERT ... ON CONFLICT (idempotency_key) DO NOTHING`: the unique
 * index decides, never a read-then-write, so of any number of concurrent or repeated submits
 * exactly one inserts the row and only that one places the airline order. The others read the
 * row and wait while it is `pending`, then answer with the same booking. */

import { randomInt } from "node:crypto";
import { ERROR_STATUS, HttpError, type ErrorCode } from "../errors.js";
import type { SealedPayload } from "../offer-seal.js";
import type { Contact, Orders, Traveller } from "../orders.js";
import { uniqueViolation, type Db } from "./db.js";

/** The booking as the API returns it (BOOKINGS.md, `StoredBooking`). */
export interface StoredBooking {
  locator: string;
  status: "confirmed" | "cancelled";
  source: "live" | "sample";
  airline_reference: string | null;
  offer: Record<string, unknown>;
  travellers: Traveller[];
  contact: Contact;
  total_usd: number;
  created_at: string;
  cancelled_at: string | null;
}

/** A validated booking request (the seal already opened). */
export interface NewBooking {
  idempotencyKey: string;
  /** Fingerprint of what was asked: a key reused for something else is refused. */
  requestHash: string;
  payload: SealedPayload;
  travellers: Traveller[];
  contact: Contact;
}

export const LOCATOR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LOCATOR_LENGTH = 6;
export const LOCATOR_PATTERN = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/;

/** Random, from node:crypto (a guessable locator would let strangers read bookings). */
export function newLocator(): string {
  let locator = "";
  for (let i = 0; i < LOCATOR_LENGTH; i++) locator += LOCATOR_ALPHABET[randomInt(LOCATOR_ALPHABET.length)];
  return locator;
}

/** A last name as compared: case, accents, apostrophes and the spacing of hyphens ignored. */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase() // "ß" -> "SS", then both fold the same
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[\s-]+/g, " ")
    .trim();
}

/** Airline errors that say the order was surely not made. A repeat of the same request gets the
 * same error; a different request may then take the key. Any other failure (a timeout, an
 * unreadable answer) may hide an order, so that key is never used again. */
const DEFINITE_FAILURES = new Set<ErrorCode>(["fare_changed", "offer_expired", "bad_request", "offer_tampered"]);

interface Row {
  id: string;
  idempotency_key: string;
  request_hash: string;
  locator: string;
  status: "pending" | "confirmed" | "rejected" | "failed" | "cancelling" | "cancelled";
  source: "live" | "sample";
  offer: Record<string, unknown>;
  travellers: Traveller[];
  contact: Contact;
  total_usd: number;
  airline_order_id: string | null;
  airline_reference: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: Date | string;
  cancelled_at: Date | string | null;
  /** Whether a pending or cancelling row has been left longer than a live call can take. */
  stale: boolean;
}

export interface BookingStoreOptions {
  /** How long a repeat waits for the first submit of its key to finish (ms). */
  waitMs?: number;
  /** After this a `pending` / `cancelling` row is taken for a crashed process (seconds). */
  staleAfterSeconds?: number;
  /** Called when the store is closed (the PGlite folder lock). */
  onClose?: () => void;
  /** Draws locators (tests force a collision with it); default `newLocator`. */
  newLocator?: () => string;
}

const COLUMNS = `id, idempotency_key, request_hash, locator, status, source, offer, travellers, contact,
  total_usd, airline_order_id, airline_reference, failure_code, failure_message, created_at, cancelled_at`;

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function view(row: Row): StoredBooking {
  return {
    locator: row.locator,
    // Until the airline confirms a cancel, the booking stands.
    status: row.status === "cancelled" ? "cancelled" : "confirmed",
    source: row.source,
    airline_reference: row.airline_reference,
    offer: row.offer,
    travellers: row.travellers,
    contact: row.contact,
    total_usd: Number(row.total_usd),
    created_at: iso(row.created_at)!,
    cancelled_at: iso(row.cancelled_at),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The airline's refusal recorded on a `rejected` row, as it was first answered. */
function rejection(row: Row): HttpError {
  const code = row.failure_code && row.failure_code in ERROR_STATUS ? (row.failure_code as ErrorCode) : "bad_request";
  return new HttpError(code, row.failure_message ?? "The airline refused this booking.");
}

function unknownOutcome(): HttpError {
  return new HttpError(
    "upstream_error",
    "The airline did not answer an earlier attempt with this booking key, so it may or may not be booked. Check before booking again.",
  );
}

export class BookingStore {
  private readonly waitMs: number;
  private readonly staleAfterSeconds: number;

  constructor(readonly db: Db, private readonly options: BookingStoreOptions = {}) {
    this.waitMs = options.waitMs ?? 40_000;
    this.staleAfterSeconds = options.staleAfterSeconds ?? 120;
  }

  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.options.onClose?.();
    }
  }

  /** Books `request` once per idempotency key; `orders` places live ones (null: not configured). */
  async book(request: NewBooking, orders: Orders | null): Promise<StoredBooking> {
    const live = request.payload.source === "live";
    const deadline = Date.now() + this.waitMs;
    for (let poll = 0; ; poll++) {
      const existing = await this.byKey(request.idempotencyKey);
      if (existing?.status === "rejected" && existing.request_hash !== request.requestHash) {
        // The airline refused that request; this is another one (a new offer): free the key.
        await this.db.query(`DELETE FROM bookings WHERE id = $1 AND status = 'rejected'`, [existing.id]);
        continue;
      }
      if (existing) {
        const settled = await this.settled(existing, request.requestHash);
        if (settled) return settled;
      } else {
        if (live && !orders) throw new HttpError("not_configured", "Live bookings are not configured.");
        const claimed = await this.claim(request);
        if (claimed) return live ? this.place(claimed, request, orders!) : view(claimed);
        continue; // another submit claimed it between our read and insert: read it
      }
      if (Date.now() > deadline) {
        throw new HttpError("upstream_timeout", "The booking is still being made; try again with the same key.");
      }
      await sleep(Math.min(200, 20 + poll * 10));
    }
  }

  /** The booking made with `idempotencyKey` for the same request, if there is one (a repeat
   * whose seal has expired since still gets its booking). */
  async findByKey(idempotencyKey: string, requestHash: string): Promise<StoredBooking | null> {
    const row = await this.byKey(idempotencyKey);
    if (!row) return null;
    return this.settled(row, requestHash);
  }

  /** The booking with `locator` whose travellers include `lastName`; null otherwise (the caller
   * cannot tell which was wrong). */
  async find(locator: string, lastName: string): Promise<StoredBooking | null> {
    const row = await this.byLocator(locator, lastName);
    return row ? view(row) : null;
  }

  /** Cancels (once; a cancelled booking is returned as it is). Live bookings are cancelled with
   * the airline first: only one concurrent cancel calls it. */
  async cancel(locator: string, lastName: string, orders: Orders | null): Promise<StoredBooking | null> {
    const deadline = Date.now() + this.waitMs;
    for (let poll = 0; ; poll++) {
      const row = await this.byLocator(locator, lastName);
      if (!row) return null;
      if (row.status === "cancelled") return view(row);
      if (row.status === "confirmed" && row.source === "sample") {
        const { rows } = await this.db.query<Row>(
          `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now()
           WHERE id = $1 AND status = 'confirmed' RETURNING ${COLUMNS}, false AS stale`,
          [row.id],
        );
        if (rows[0]) return view(rows[0]);
        continue;
      }
      if (row.status === "confirmed") {
        if (!orders) throw new HttpError("not_configured", "Live bookings are not configured.");
        const { rows } = await this.db.query<Row>(
          `UPDATE bookings SET status = 'cancelling', updated_at = now()
           WHERE id = $1 AND status = 'confirmed' RETURNING ${COLUMNS}, false AS stale`,
          [row.id],
        );
        if (rows[0]) return this.cancelWithAirline(rows[0], orders);
        continue;
      }
      if (row.status === "cancelling" && row.stale) {
        // The process cancelling it died: the booking stands until a cancel goes through.
        await this.db.query(`UPDATE bookings SET status = 'confirmed', updated_at = now() WHERE id = $1 AND status = 'cancelling'`, [row.id]);
        continue;
      }
      if (Date.now() > deadline) {
        throw new HttpError("upstream_timeout", "The airline is still cancelling; try again shortly.");
      }
      await sleep(Math.min(200, 20 + poll * 10));
    }
  }

  private async cancelWithAirline(row: Row, orders: Orders): Promise<StoredBooking> {
    try {
      if (row.airline_order_id) await orders.cancel(row.airline_order_id);
    } catch (error) {
      await this.db.query(`UPDATE bookings SET status = 'confirmed', updated_at = now() WHERE id = $1`, [row.id]);
      throw error;
    }
    const { rows } = await this.db.query<Row>(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}, false AS stale`,
      [row.id],
    );
    return view(rows[0]!);
  }

  /** What a repeat of `row`'s key answers: the booking, an error, or null to keep waiting. */
  private async settled(row: Row, requestHash: string): Promise<StoredBooking | null> {
    if (row.request_hash !== requestHash) {
      throw new HttpError("bad_request", "This booking key was already used for a different booking; use a new key.");
    }
    if (row.status === "failed") throw unknownOutcome();
    if (row.status === "rejected") throw rejection(row);
    if (row.status !== "pending") return view(row);
    if (!row.stale) return null;
    // The process placing it died mid-call: whether the airline booked is unknown.
    await this.db.query(
      `UPDATE bookings SET status = 'failed', failure_code = 'abandoned', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [row.id],
    );
    throw unknownOutcome();
  }

  /** Inserts the row for `request` unless its key is taken; null when another submit has it.
   * A locator already in use (the unique index says so) is drawn again. */
  private async claim(request: NewBooking): Promise<Row | null> {
    const { payload } = request;
    const status = payload.source === "live" ? "pending" : "confirmed";
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.db.query<Row>(
          `INSERT INTO bookings (idempotency_key, request_hash, locator, status, source, offer, travellers, contact, total_usd)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING ${COLUMNS}, false AS stale`,
          [
            request.idempotencyKey,
            request.requestHash,
            (this.options.newLocator ?? newLocator)(),
            status,
            payload.source,
            JSON.stringify(payload.offer),
            JSON.stringify(request.travellers),
            JSON.stringify(request.contact),
            Math.round(Number(payload.offer.price_usd)),
          ],
        );
        return rows[0] ?? null;
      } catch (error) {
        if (uniqueViolation(error) === "bookings_locator_key" && attempt < 20) continue;
        throw error;
      }
    }
  }

  /** The claimer of a live booking places the airline order and records the outcome. */
  private async place(row: Row, request: NewBooking, orders: Orders): Promise<StoredBooking> {
    let placed: { order_id: string; airline_reference: string };
    try {
      placed = await orders.place(request.payload, request.travellers, request.contact, request.idempotencyKey);
    } catch (error) {
      const definite = error instanceof HttpError && DEFINITE_FAILURES.has(error.code);
      await this.db.query(
        `UPDATE bookings SET status = $2, failure_code = $3, failure_message = $4, updated_at = now()
         WHERE id = $1 AND status = 'pending'`,
        [
          row.id,
          definite ? "rejected" : "failed",
          error instanceof HttpError ? error.code : "internal_error",
          error instanceof HttpError ? error.message : null,
        ],
      );
      throw error;
    }
    const { rows } = await this.db.query<Row>(
      `UPDATE bookings SET status = 'confirmed', airline_order_id = $2, airline_reference = $3, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}, false AS stale`,
      [row.id, placed.order_id, placed.airline_reference],
    );
    return view(rows[0]!);
  }

  private async byKey(idempotencyKey: string): Promise<Row | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS}, (updated_at < now() - make_interval(secs => $2)) AS stale
       FROM bookings WHERE idempotency_key = $1`,
      [idempotencyKey, this.staleAfterSeconds],
    );
    return rows[0] ?? null;
  }

  private async byLocator(locator: string, lastName: string): Promise<Row | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS}, (updated_at < now() - make_interval(secs => $2)) AS stale
       FROM bookings WHERE locator = $1 AND status IN ('confirmed', 'cancelling', 'cancelled')`,
      [locator, this.staleAfterSeconds],
    );
    const row = rows[0];
    const wanted = foldName(lastName);
    if (!row || !wanted || !row.travellers.some((t) => foldName(t.family_name) === wanted)) return null;
    return row;
  }
}
