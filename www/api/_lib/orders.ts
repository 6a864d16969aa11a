/** How the booking store reaches an airline (../BOOKINGS.md, "Placing and cancelling orders").
 * Sample bookings are only recorded; live ones go through `duffelOrders` (`duffel.ts`). */

import type { SealedPayload } from "./offer-seal.js";

/** One traveller as on the ID (validated by the bookings endpoint). */
export interface Traveller {
  given_name: string;
  family_name: string;
  /** "YYYY-MM-DD". */
  born_on: string;
  gender: "f" | "m" | "x";
}

/** At least one of the two (E.164 phone, "+14155550123"). */
export interface Contact {
  email?: string;
  phone?: string;
}

export interface Orders {
  /** Places the order for a sealed live offer; resolves with the airline's ids. Throws HttpError
   *  (`fare_changed`, `offer_expired`, `bad_request`, `upstream_error`, `upstream_timeout`). */
  place(payload: SealedPayload, travellers: Traveller[], contact: Contact, idempotencyKey: string): Promise<{ order_id: string; airline_reference: string }>;
  cancel(orderId: string): Promise<void>;
}
