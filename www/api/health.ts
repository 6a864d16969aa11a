/** GET /api/health: which upstream tiers are configured (booleans only, never values). */

import { tiers } from "./_lib/config.js";
import { route } from "./_lib/route.js";

export const handler = route({
  methods: ["GET"],
  rateLimited: false,
  async run(_req, config) {
    return Response.json(tiers(config));
  },
});

export default { fetch: handler };
