/** How booking values read on screen. Dates are calendar dates (no time zone): they are
 * formatted in UTC so a "2026-12-15" never shows as the 14th. */

import type { Booking, Cabin, Offer, PlaceView, TripType } from "../agent/types";

const WEEKDAY_DATE = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-12-15" -> "Tue, Dec 15, 2026"; anything else is shown as given. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match[3])) return iso;
  return WEEKDAY_DATE.format(date);
}

/** "16:05" -> "4:05 PM". */
export function formatTime(hhmm: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return hhmm;
  const hours = Number(match[1]);
  if (hours > 23) return hhmm;
  const suffix = hours < 12 ? "AM" : "PM";
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${h12}:${match[2]} ${suffix}`;
}

/** 135 -> "2h 15m". */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) return "";
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
export function formatPrice(usd: number): string {
  return USD.format(usd);
}

const CABINS: Record<Cabin, string> = {
  economy: "Economy",
  premium_economy: "Premium Economy",
  business: "Business",
  first: "First",
};
export function formatCabin(cabin: Cabin | null): string {
  return cabin ? CABINS[cabin] ?? cabin : "";
}

export function formatTripType(trip: TripType | null): string {
  if (trip === "one_way") return "One way";
  if (trip === "round_trip") return "Round trip";
  return "";
}

export function formatPlace(place: PlaceView | null): string {
  return place ? `${place.name} (${place.code})` : "";
}

export function formatStops(stops: number): string {
  if (stops === 0) return "Nonstop";
  return stops === 1 ? "1 stop" : `${stops} stops`;
}

export function formatPassengers(n: number): string {
  return n === 1 ? "1 passenger" : `${n} passengers`;
}

/** "8:05 AM – 11:40 AM (+1)" */
export function formatTimes(offer: Offer): string {
  const plus = offer.arrival_day_offset > 0 ? ` (+${offer.arrival_day_offset})` : "";
  return `${formatTime(offer.depart_time)} – ${formatTime(offer.arrive_time)}${plus}`;
}

/** One line read by screen readers for an offer card. */
export function describeOffer(offer: Offer): string {
  const parts = [
    `Option ${offer.option}`,
    `${offer.airline} ${offer.flight_number}`,
    `${offer.from} to ${offer.to}`,
    formatDate(offer.date),
    formatTimes(offer),
    formatDuration(offer.duration_minutes),
    formatStops(offer.stops),
    formatPrice(offer.price_usd),
  ];
  if (offer.return_flight) {
    const r = offer.return_flight;
    parts.push(`return ${r.flight_number} ${formatDate(r.date)} ${formatTimes(r)}`);
  }
  return parts.join(", ");
}

/** How many of the booking's slots are filled: drives the card's progress hint. */
export function filledSlots(booking: Booking): number {
  return [
    booking.name,
    booking.origin,
    booking.destination,
    booking.trip_type,
    booking.departure_date,
    booking.trip_type === "one_way" ? "n/a" : booking.return_date,
    booking.cabin,
    booking.flight,
  ].filter((v) => v !== null && v !== undefined).length;
}

/** "0:07" for a recording timer. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
