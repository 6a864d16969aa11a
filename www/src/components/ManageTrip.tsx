import { useState } from "react";
import type { StoredBooking } from "united-voice";
import { formatDate, formatPrice, formatStops, formatTimes } from "../lib/format";

type Found = { kind: "idle" } | { kind: "busy" } | { kind: "found"; booking: StoredBooking } | { kind: "error"; message: string };

/** The proxy's answer to a lookup or a cancel: the booking, or what to tell the caller. A 404
 * never says which part was wrong (the store does not either). */
async function bookingCall(path: string, init?: RequestInit): Promise<Found> {
  try {
    const response = await fetch(path, init);
    if (response.ok) return { kind: "found", booking: ((await response.json()) as { booking: StoredBooking }).booking };
    if (response.status === 404) return { kind: "error", message: "No booking matches that code and last name." };
    if (response.status === 429) return { kind: "error", message: "Too many tries. Please wait a minute." };
    return { kind: "error", message: "Bookings can't be reached right now. Please try again." };
  } catch {
    return { kind: "error", message: "Bookings can't be reached right now. Please try again." };
  }
}

/** "Manage trip", as airlines have it: a booking by record locator and last name, and cancel. */
export function ManageTrip() {
  const [locator, setLocator] = useState("");
  const [lastName, setLastName] = useState("");
  const [found, setFound] = useState<Found>({ kind: "idle" });
  const code = locator.trim().toUpperCase();
  const query = `/api/bookings/${encodeURIComponent(code)}?last_name=${encodeURIComponent(lastName.trim())}`;

  const look = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    setFound({ kind: "busy" });
    setFound(await bookingCall(query));
  };
  const cancel = async () => {
    if (!window.confirm(`Cancel booking ${code}? This can't be undone.`)) return;
    setFound({ kind: "busy" });
    setFound(await bookingCall(`/api/bookings/${encodeURIComponent(code)}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ last_name: lastName.trim() }),
    }));
  };

  return (
    <details className="card manage" data-testid="manage-trip">
      <summary>Manage a booking</summary>
      <form onSubmit={(e) => void look(e)}>
        <label>
          Confirmation code
          <input value={locator} onInput={(e) => setLocator(e.currentTarget.value)} maxLength={6}
            autoComplete="off" spellCheck={false} data-testid="manage-locator" required />
        </label>
        <label>
          Last name
          <input value={lastName} onInput={(e) => setLastName(e.currentTarget.value)} maxLength={60}
            autoComplete="family-name" data-testid="manage-last-name" required />
        </label>
        <button type="submit" disabled={found.kind === "busy"} data-testid="manage-find">Find booking</button>
      </form>
      {found.kind === "error" && <p className="notice" role="alert" data-testid="manage-error">{found.message}</p>}
      {found.kind === "found" && (
        <div data-testid="manage-booking" data-status={found.booking.status}>
          <p>
            <strong>{found.booking.locator}</strong> ·{" "}
            {found.booking.status === "cancelled" ? "Cancelled" : "Confirmed"} ·{" "}
            {found.booking.travellers.map((t) => `${t.given_name} ${t.family_name}`).join(", ")}
          </p>
          {[found.booking.offer, found.booking.offer.return_flight].map((leg) => leg && (
            <p key={`${leg.flight_number}-${leg.date}`}>
              {leg.airline} {leg.flight_number} · {leg.from} → {leg.to} · {formatDate(leg.date)} · {formatTimes(leg)} ·{" "}
              {formatStops(leg.stops)}{leg.via ? ` via ${leg.via}` : ""}
            </p>
          ))}
          <p className="price">{formatPrice(found.booking.total_usd)} total</p>
          {found.booking.status !== "cancelled" && (
            <button type="button" onClick={() => void cancel()} data-testid="manage-cancel">Cancel booking</button>
          )}
        </div>
      )}
    </details>
  );
}
