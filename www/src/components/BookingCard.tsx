import type { Booking, Turn } from "../agent/types";
import type { StoredBooking } from "united-voice";
import {
  formatCabin, formatDate, formatDuration, formatPassengers, formatPlace, formatPrice, formatStops,
  formatTimes, formatTripType,
} from "../lib/format";

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className={value ? "row filled" : "row"} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value || <span className="pending">—</span>}</dd>
    </div>
  );
}

/** The record locator the store gave, with a way to copy it (what the caller quotes later). */
function Locator({ record }: { record: StoredBooking }) {
  const copy = () => void navigator.clipboard?.writeText(record.locator).catch(() => undefined);
  return (
    <div className="locator" data-testid="booking-locator">
      <span>Confirmation code</span>
      <strong data-testid="locator">{record.locator}</strong>
      <button type="button" onClick={copy} aria-label={`Copy confirmation code ${record.locator}`}>
        Copy
      </button>
      {record.status === "cancelled" && <span className="badge warn">Cancelled</span>}
      {record.source !== "live" && <small>Sample fare: no payment taken.</small>}
    </div>
  );
}

export function BookingCard({ booking, state, record }: {
  booking: Booking;
  state: Turn["state"] | null;
  record?: StoredBooking | null | undefined;
}) {
  const route = booking.origin || booking.destination
    ? `${formatPlace(booking.origin) || "?"} → ${formatPlace(booking.destination) || "?"}`
    : "";
  // A booking looked up in this call (not made in it) shows the store's flight and names.
  const flight = booking.flight ?? record?.offer ?? null;
  const lookedUp = !booking.name && record ? record.travellers.map((t) => `${t.given_name} ${t.family_name}`).join(", ") : "";
  return (
    <section className="card booking" aria-labelledby="booking-title" data-testid="booking-card">
      <h2 id="booking-title">
        Your booking
        {booking.confirmed && <span className="badge ok" data-testid="booking-confirmed">Confirmed</span>}
        {state === "cancelled" && <span className="badge warn">Cancelled</span>}
      </h2>
      {record && <Locator record={record} />}
      <dl>
        <Row label="Name" value={booking.name ?? lookedUp} testId="slot-name" />
        <Row label="Route" value={route} testId="slot-route" />
        <Row label="Trip" value={formatTripType(booking.trip_type)} testId="slot-trip" />
        <Row label="Departs" value={formatDate(booking.departure_date)} testId="slot-departure" />
        {booking.trip_type !== "one_way" && (
          <Row label="Returns" value={formatDate(booking.return_date)} testId="slot-return" />
        )}
        <Row label="Travelers" value={formatPassengers(booking.passengers)} testId="slot-passengers" />
        <Row label="Cabin" value={formatCabin(booking.cabin)} testId="slot-cabin" />
      </dl>
      {flight && (
        <div className="chosen" data-testid="slot-flight">
          <h3>Flight</h3>
          <p>
            <strong>{flight.airline} {flight.flight_number}</strong> · {flight.from} → {flight.to} ·{" "}
            {formatDate(flight.date)} · {formatTimes(flight)} · {formatDuration(flight.duration_minutes)} ·{" "}
            {formatStops(flight.stops)}
          </p>
          {flight.return_flight && (
            <p>
              Return <strong>{flight.return_flight.flight_number}</strong> · {flight.return_flight.from} →{" "}
              {flight.return_flight.to} · {formatDate(flight.return_flight.date)} · {formatTimes(flight.return_flight)} ·{" "}
              {formatStops(flight.return_flight.stops)}
            </p>
          )}
          <p className="price">{formatPrice(flight.price_usd)} total</p>
        </div>
      )}
    </section>
  );
}
