/** POST /api/bookings: book a sealed offer, once per idempotency key (../BOOKINGS.md). */

import { createBookingHandler, defaultDeps } from "../_lib/bookings.js";

export const handler = createBookingHandler(defaultDeps);

export default { fetch: handler };
