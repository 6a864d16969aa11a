import { describe, expect, it } from "vitest";
import { EMPTY_BOOKING, type Offer } from "../agent/types";
import {
  describeOffer, filledSlots, formatCabin, formatDate, formatDuration, formatElapsed, formatPassengers,
  formatPlace, formatPrice, formatStops, formatTime, formatTimes, formatTripType,
} from "./format";

const offer: Offer = {
  option: 2, airline: "United", flight_number: "UA 1423", from: "ORD", to: "DEN", date: "2026-12-15",
  depart_time: "21:40", arrive_time: "00:05", arrival_day_offset: 1, duration_minutes: 145, stops: 0,
  cabin: "economy", price_usd: 1234, return_flight: null,
};

describe("format", () => {
  it("shows dates with their weekday, whatever the local time zone", () => {
    expect(formatDate("2026-12-15")).toBe("Tue, Dec 15, 2026");
    expect(formatDate("2027-01-01")).toBe("Fri, Jan 1, 2027");
    expect(formatDate("2028-02-29")).toBe("Tue, Feb 29, 2028");
  });
  it("leaves invalid dates as given", () => {
    expect(formatDate("2026-02-30")).toBe("2026-02-30");
    expect(formatDate("next friday")).toBe("next friday");
    expect(formatDate(null)).toBe("");
  });
  it("formats 24 h times as 12 h", () => {
    expect(formatTime("00:05")).toBe("12:05 AM");
    expect(formatTime("12:00")).toBe("12:00 PM");
    expect(formatTime("21:40")).toBe("9:40 PM");
    expect(formatTime("7:15")).toBe("7:15 AM");
    expect(formatTime("25:00")).toBe("25:00");
  });
  it("formats durations, prices, stops and counts", () => {
    expect(formatDuration(145)).toBe("2h 25m");
    expect(formatDuration(45)).toBe("45m");
    expect(formatDuration(120)).toBe("2h");
    expect(formatPrice(1234)).toBe("$1,234");
    expect(formatStops(0)).toBe("Nonstop");
    expect(formatStops(1)).toBe("1 stop");
    expect(formatStops(2)).toBe("2 stops");
    expect(formatPassengers(1)).toBe("1 passenger");
    expect(formatPassengers(3)).toBe("3 passengers");
  });
  it("names cabins, trip types and places", () => {
    expect(formatCabin("premium_economy")).toBe("Premium Economy");
    expect(formatCabin(null)).toBe("");
    expect(formatTripType("round_trip")).toBe("Round trip");
    expect(formatPlace({ code: "ORD", name: "Chicago O'Hare" })).toBe("Chicago O'Hare (ORD)");
  });
  it("marks next-day arrivals and describes an offer in one line", () => {
    expect(formatTimes(offer)).toBe("9:40 PM – 12:05 AM (+1)");
    const text = describeOffer({ ...offer, return_flight: { ...offer, flight_number: "UA 88", date: "2026-12-20", arrival_day_offset: 0 } });
    expect(text).toContain("Option 2");
    expect(text).toContain("Tue, Dec 15, 2026");
    expect(text).toContain("$1,234");
    expect(text).toContain("return UA 88 Sun, Dec 20, 2026");
  });
  it("counts filled slots (a one-way trip needs no return date)", () => {
    expect(filledSlots(EMPTY_BOOKING)).toBe(0);
    expect(filledSlots({ ...EMPTY_BOOKING, name: "Ana", trip_type: "one_way" })).toBe(3);
    expect(filledSlots({ ...EMPTY_BOOKING, name: "Ana", trip_type: "round_trip" })).toBe(2);
  });
  it("formats a recording timer", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(7_900)).toBe("0:07");
    expect(formatElapsed(65_000)).toBe("1:05");
  });
});
