/** How the booking store reaches an airline (see ../BOOKINGS.md, "Placing and cancelling
 * orders"). Sample bookings never get here; live ones go through `duffelOrders` (`duffel.ts`).
 * The store takes an `Orders` as a parameter, so tests hand it a fake. */

import type { SealedPayload } from "./offer-seal.js";

/** A traveller as validated from the request (names trimmed and in NFC). */
export interface Traveller {
  given_name: string;
  family_name: string;
  /** ISO date, a real past date. */
  born_on: string;
  /** As on the ID; Duffel takes only `f` and `m`. */
  gender: "f" | "m" | "x";
}

/** How the airline reaches the caller: at least one of the two. */
export interface Contact {
  email?: string;
  /** E.164, e.g. "+14155550123". */
  phone?: string;
}

export interface Orders {
  /** Places the order for a sealed live offer; resolves with the airline's ids. Throws HttpError
   *  (`fare_changed`, `offer_expired`, `bad_request`, `upstream_error`, `upstream_timeout`). */
  place(payload: SealedPayload, travellers: Traveller[], contact: Contact, idempotencyKey: string): Promise<{ order_id: string; airline_reference: string }>;
  cancel(orderId: string): Promise<void>;
}
