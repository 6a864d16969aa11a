/** GET /api/bookings/{locator}?last_name=: a booking, for its locator and a traveller's last name. */

import { defaultDeps, lookupBookingHandler } from "../_lib/bookings.js";

export const handler = lookupBookingHandler(defaultDeps);

export default { fetch: handler };
