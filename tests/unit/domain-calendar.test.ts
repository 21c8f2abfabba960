import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  bucketByDay,
  dayKeyOf,
  daysOfView,
  isDayKey,
  isValidTimeZone,
  monthGrid,
  moveToDay,
  parseLocalDateTime,
  rangeOfDays,
  shiftAnchor,
  startOfDay,
  startOfWeek,
  timeOfDay,
  toLocalDateTime,
  visibleItems,
  weekDays,
  zoneOffsetMs,
  zonedToUtc,
} from "@/lib/domain/calendar";

const TOKYO = "Asia/Tokyo";
const NY = "America/New_York";

describe("day keys in a time zone", () => {
  it("a JST day starts at 15:00 UTC the day before", () => {
    expect(startOfDay("2025-11-29", TOKYO).toISOString()).toBe("2025-11-28T15:00:00.000Z");
    expect(dayKeyOf(new Date("2025-11-28T14:59:59Z"), TOKYO)).toBe("2025-11-28");
    expect(dayKeyOf(new Date("2025-11-28T15:00:00Z"), TOKYO)).toBe("2025-11-29");
  });

  it("the same instant is a different day in UTC and in Tokyo", () => {
    const at = new Date("2025-12-31T16:30:00Z");
    expect(dayKeyOf(at, "UTC")).toBe("2025-12-31");
    expect(dayKeyOf(at, TOKYO)).toBe("2026-01-01");
    expect(timeOfDay(at, TOKYO)).toBe("01:30");
  });

  it("offsets: Tokyo +9 h all year, New York −5/−4 h", () => {
    expect(zoneOffsetMs(new Date("2025-01-15T00:00:00Z"), TOKYO)).toBe(9 * 3600_000);
    expect(zoneOffsetMs(new Date("2025-07-15T00:00:00Z"), TOKYO)).toBe(9 * 3600_000);
    expect(zoneOffsetMs(new Date("2025-01-15T12:00:00Z"), NY)).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(new Date("2025-07-15T12:00:00Z"), NY)).toBe(-4 * 3600_000);
  });

  it("wall time → instant round-trips, including across DST", () => {
    expect(zonedToUtc("2025-11-29", "18:30", TOKYO).toISOString()).toBe("2025-11-29T09:30:00.000Z");
    expect(zonedToUtc("2025-03-09", "12:00", NY).toISOString()).toBe("2025-03-09T16:00:00.000Z");
    expect(zonedToUtc("2025-03-08", "12:00", NY).toISOString()).toBe("2025-03-08T17:00:00.000Z");
    // 02:30 does not exist on the spring-forward day: it lands after the gap.
    const gap = zonedToUtc("2025-03-09", "02:30", NY);
    expect(dayKeyOf(gap, NY)).toBe("2025-03-09");
    expect(timeOfDay(gap, NY)).toBe("03:30");
    // 01:30 happens twice on the fall-back day: the first one.
    expect(zonedToUtc("2025-11-02", "01:30", NY).toISOString()).toBe("2025-11-02T05:30:00.000Z");
  });

  it("a DST day has 23 or 25 hours; a Tokyo day always 24", () => {
    const len = (k: string, tz: string) => (rangeOfDays(k, k, tz).to.getTime() - rangeOfDays(k, k, tz).from.getTime()) / 3600_000;
    expect(len("2025-03-09", NY)).toBe(23);
    expect(len("2025-11-02", NY)).toBe(25);
    expect(len("2025-03-09", TOKYO)).toBe(24);
  });

  it("validates day keys and zones", () => {
    expect(isDayKey("2024-02-29")).toBe(true);
    expect(isDayKey("2025-02-29")).toBe(false);
    expect(isDayKey("2025-2-01")).toBe(false);
    expect(isDayKey(20250201)).toBe(false);
    expect(isValidTimeZone(TOKYO)).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("calendar arithmetic", () => {
  it("adds days and months (clamped to the month's end)", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15");
  });

  it("weeks start on Monday", () => {
    expect(startOfWeek("2025-11-29")).toBe("2025-11-24"); // Saturday → Monday
    expect(startOfWeek("2025-11-30")).toBe("2025-11-24"); // Sunday belongs to the week before
    expect(startOfWeek("2025-11-24")).toBe("2025-11-24");
    expect(weekDays("2025-11-29").map((d) => d.key)).toEqual(["2025-11-24", "2025-11-25", "2025-11-26", "2025-11-27", "2025-11-28", "2025-11-29", "2025-11-30"]);
  });

  it("builds a month grid of whole weeks, padded with the neighbouring months", () => {
    const g = monthGrid("2025-11-17");
    expect(g.month).toBe("2025-11");
    expect(g.first).toBe("2025-10-27");
    expect(g.last).toBe("2025-11-30");
    expect(g.weeks).toHaveLength(5);
    expect(g.weeks.every((w) => w.length === 7)).toBe(true);
    expect(g.weeks[0]![0]).toEqual({ key: "2025-10-27", inMonth: false, weekday: 1 });
    expect(g.weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
    // February 2021 starts on a Monday and has 28 days: exactly four rows.
    expect(monthGrid("2021-02-10").weeks).toHaveLength(4);
    // A month spanning six rows.
    expect(monthGrid("2026-03-01").weeks).toHaveLength(6);
  });

  it("a view's days and its instants in Tokyo", () => {
    expect(daysOfView("week", "2025-11-29")).toEqual({ first: "2025-11-24", last: "2025-11-30" });
    expect(daysOfView("list", "2025-11-29")).toEqual({ first: "2025-11-01", last: "2025-11-30" });
    expect(daysOfView("month", "2025-11-29")).toEqual({ first: "2025-10-27", last: "2025-11-30" });
    const r = rangeOfDays("2025-11-01", "2025-11-30", TOKYO);
    expect(r.from.toISOString()).toBe("2025-10-31T15:00:00.000Z");
    expect(r.to.toISOString()).toBe("2025-11-30T15:00:00.000Z");
  });

  it("steps a month or a week", () => {
    expect(shiftAnchor("month", "2025-11-29", 1)).toBe("2025-12-01");
    expect(shiftAnchor("list", "2025-01-31", -1)).toBe("2024-12-01");
    expect(shiftAnchor("week", "2025-11-29", 1)).toBe("2025-12-06");
  });
});

describe("placing posts on days", () => {
  it("buckets by the Tokyo day, not the UTC day, each day in slot order", () => {
    const items = [
      { id: "late", slotAt: new Date("2025-11-28T15:30:00Z") }, // 11/29 00:30 JST
      { id: "utc-same-day", slotAt: new Date("2025-11-28T14:00:00Z") }, // 11/28 23:00 JST
      { id: "early", slotAt: "2025-11-28T15:05:00.000Z" }, // 11/29 00:05 JST, as JSON
    ];
    const m = bucketByDay(items, TOKYO);
    expect(m.get("2025-11-28")?.map((i) => i.id)).toEqual(["utc-same-day"]);
    expect(m.get("2025-11-29")?.map((i) => i.id)).toEqual(["early", "late"]);
    expect(bucketByDay(items, "UTC").get("2025-11-28")?.map((i) => i.id)).toEqual(["utc-same-day", "early", "late"]);
  });

  it("dropping on another day keeps the wall-clock time in the viewer's zone", () => {
    const slot = new Date("2025-11-29T09:30:00Z"); // 18:30 JST
    expect(moveToDay(slot, "2025-12-02", TOKYO).toISOString()).toBe("2025-12-02T09:30:00.000Z");
    // 00:30 JST (15:30 UTC the day before) stays 00:30 JST on the new day.
    expect(moveToDay(new Date("2025-11-28T15:30:00Z"), "2025-12-01", TOKYO).toISOString()).toBe("2025-11-30T15:30:00.000Z");
  });

  it("a full cell shows max − 1 items and a '+N more' row", () => {
    expect(visibleItems([1, 2, 3], 4)).toEqual({ shown: [1, 2, 3], more: 0 });
    expect(visibleItems([1, 2, 3, 4], 4)).toEqual({ shown: [1, 2, 3, 4], more: 0 });
    expect(visibleItems([1, 2, 3, 4, 5], 4)).toEqual({ shown: [1, 2, 3], more: 2 });
    expect(visibleItems(Array.from({ length: 40 }, (_, i) => i), 4).more).toBe(37);
  });

  it("reads and writes datetime-local values in the zone", () => {
    expect(parseLocalDateTime("2025-12-02T18:30", TOKYO)?.toISOString()).toBe("2025-12-02T09:30:00.000Z");
    expect(parseLocalDateTime("2025-12-02T18:30:00", TOKYO)?.toISOString()).toBe("2025-12-02T09:30:00.000Z");
    expect(parseLocalDateTime("2025-12-02 18:30", TOKYO)).toBeNull();
    expect(parseLocalDateTime("2025-02-30T10:00", TOKYO)).toBeNull();
    expect(parseLocalDateTime("2025-12-02T24:00", TOKYO)).toBeNull();
    expect(toLocalDateTime(new Date("2025-12-02T09:30:00Z"), TOKYO)).toBe("2025-12-02T18:30");
  });
});
