import type { Offer } from "../agent/types";
import { describeOffer, formatDate, formatDuration, formatPrice, formatStops, formatTimes } from "../lib/format";

export function OfferList({ offers, disabled, onChoose }: { offers: Offer[]; disabled: boolean; onChoose: (n: number) => void }) {
  if (offers.length === 0) return null;
  return (
    <section className="card offers" aria-labelledby="offers-title">
      <h2 id="offers-title">Flight options</h2>
      <ul>
        {offers.map((offer) => (
          <li key={offer.option}>
            <button
              type="button"
              className="offer"
              disabled={disabled}
              aria-label={`Choose ${describeOffer(offer)}`}
              data-testid={`offer-${offer.option}`}
              onClick={() => onChoose(offer.option)}
            >
              <span className="offer-head">
                <span className="offer-num">Option {offer.option}</span>
                <span className="offer-price">{formatPrice(offer.price_usd)}</span>
              </span>
              <span className="offer-line">
                {offer.airline} {offer.flight_number} · {offer.from} → {offer.to}
              </span>
              <span className="offer-line">
                {formatDate(offer.date)} · {formatTimes(offer)}
              </span>
              <span className="offer-line muted">
                {formatDuration(offer.duration_minutes)} · {formatStops(offer.stops)}
              </span>
              {offer.return_flight && (
                <span className="offer-line">
                  Return {offer.return_flight.flight_number} · {formatDate(offer.return_flight.date)} ·{" "}
                  {formatTimes(offer.return_flight)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
