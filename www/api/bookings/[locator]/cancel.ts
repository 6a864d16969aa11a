/** POST /api/bookings/{locator}/cancel with {"last_name"}: cancel a booking (idempotent). */

import { cancelBookingHandler, defaultDeps } from "../../_lib/bookings.js";

export const handler = cancelBookingHandler(defaultDeps);

export default { fetch: handler };
