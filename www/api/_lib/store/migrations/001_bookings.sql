-- Bookings: one row per idempotency key. The unique index on the key is what makes a repeated or
-- concurrent submit book once: the first INSERT ... ON CONFLICT DO NOTHING claims the key.
CREATE TABLE bookings (
  id                bigserial PRIMARY KEY,
  idempotency_key   text NOT NULL,
  -- sha256 of what was asked (seal signature, travellers, contact): a key reused for another
  -- booking is refused instead of answered with the first one.
  request_hash      text NOT NULL,
  locator           text NOT NULL,
  -- pending: claimed, the airline order is being placed; rejected: the airline said no (a repeat
  -- gets the same error; another request may take the key); failed: the airline call ended
  -- without a clear answer (an order may exist: the key is never used again); cancelling: a
  -- cancel is with the airline.
  status            text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'failed', 'cancelling', 'cancelled')),
  source            text NOT NULL CHECK (source IN ('live', 'sample')),
  offer             jsonb NOT NULL,
  travellers        jsonb NOT NULL,
  contact           jsonb NOT NULL,
  total_usd         integer NOT NULL,
  -- live bookings: the airline's (Duffel's) order id and the booking reference it gave
  airline_order_id  text,
  airline_reference text,
  -- rejected / failed: our error code and message (never an upstream body)
  failure_code      text,
  failure_message   text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  cancelled_at      timestamptz
);

CREATE UNIQUE INDEX bookings_idempotency_key_key ON bookings (idempotency_key);
CREATE UNIQUE INDEX bookings_locator_key ON bookings (locator);
