import { describe, expect, it } from "vitest";
import { addBusinessMinutes, autumnalEquinoxDay, businessMinutesBetween, DEFAULT_BUSINESS_HOURS, japaneseHolidays, slaDueAt, slaState, slaWarnMinutes, vernalEquinoxDay } from "@/lib/domain/sla";

// Cabinet Office published lists (内閣府「国民の祝日について」).
const KNOWN: Record<number, string[]> = {
  2025: ["2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20", "2025-04-29", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21", "2025-08-11", "2025-09-15", "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-23", "2025-11-24"],
  2026: ["2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23"],
  2027: ["2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22", "2027-04-29", "2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11", "2027-11-03", "2027-11-23"],
};

describe("Japanese public holidays", () => {
  for (const [year, days] of Object.entries(KNOWN)) {
    it(`${year} matches the published list exactly`, () => {
      expect([...japaneseHolidays(Number(year)).keys()]).toEqual(days);
    });
  }
  it("names substitute and citizens' holidays", () => {
    expect(japaneseHolidays(2025).get("2025-05-06")).toBe("振替休日");
    expect(japaneseHolidays(2025).get("2025-11-24")).toBe("振替休日");
    expect(japaneseHolidays(2026).get("2026-09-22")).toBe("国民の休日");
    expect(japaneseHolidays(2027).get("2027-03-22")).toBe("振替休日");
    expect(japaneseHolidays(2026).get("2026-01-12")).toBe("成人の日");
  });
  it("equinoxes by formula", () => {
    expect([2024, 2025, 2026, 2027, 2028].map(vernalEquinoxDay)).toEqual([20, 20, 20, 21, 20]);
    expect([2024, 2025, 2026, 2027, 2028].map(autumnalEquinoxDay)).toEqual([22, 23, 23, 23, 22]);
  });
  it("Olympic years moved their holidays", () => {
    const h20 = japaneseHolidays(2020);
    expect(h20.get("2020-07-24")).toBe("スポーツの日");
    expect(h20.has("2020-08-11")).toBe(false);
    expect(japaneseHolidays(2021).get("2021-08-09")).toBe("振替休日");
  });
});

const jst = (s: string) => new Date(`${s}+09:00`);

describe("SLA due times", () => {
  it("24h clock: wall minutes", () => {
    expect(slaDueAt(jst("2026-05-02T23:30:00"), { minutes: 60, clock: "24h" }).toISOString()).toBe(jst("2026-05-03T00:30:00").toISOString());
  });
  it("business clock inside the day", () => {
    expect(slaDueAt(jst("2026-04-14T10:00:00"), { minutes: 120, clock: "business" })).toEqual(jst("2026-04-14T12:00:00"));
  });
  it("business clock carries over the evening to the next morning", () => {
    expect(slaDueAt(jst("2026-04-14T17:50:00"), { minutes: 30, clock: "business" })).toEqual(jst("2026-04-15T09:20:00"));
  });
  it("arriving at night or at the weekend starts at the next opening", () => {
    expect(slaDueAt(jst("2026-04-14T03:00:00"), { minutes: 30, clock: "business" })).toEqual(jst("2026-04-14T09:30:00"));
    expect(slaDueAt(jst("2026-04-18T12:00:00"), { minutes: 60, clock: "business" })).toEqual(jst("2026-04-20T10:00:00")); // Sat → Mon
  });
  it("skips Golden Week 2026 (4/29 Wed, 5/3–5/6) and the Silver Week citizens' holiday", () => {
    expect(slaDueAt(jst("2026-04-28T17:00:00"), { minutes: 120, clock: "business" })).toEqual(jst("2026-04-30T10:00:00"));
    expect(slaDueAt(jst("2026-05-01T17:30:00"), { minutes: 60, clock: "business" })).toEqual(jst("2026-05-07T09:30:00"));
    expect(slaDueAt(jst("2026-09-18T17:00:00"), { minutes: 120, clock: "business" })).toEqual(jst("2026-09-24T10:00:00"));
  });
  it("a full business day of 540 minutes from opening ends at closing", () => {
    expect(slaDueAt(jst("2027-03-19T09:00:00"), { minutes: 540, clock: "business" })).toEqual(jst("2027-03-19T18:00:00"));
    expect(slaDueAt(jst("2027-03-19T09:00:00"), { minutes: 541, clock: "business" })).toEqual(jst("2027-03-23T09:01:00")); // 3/22 振替休日
  });
  it("holidays can be switched off; custom hours and days", () => {
    const h = { ...DEFAULT_BUSINESS_HOURS, holidays: false };
    expect(addBusinessMinutes(jst("2026-05-04T09:00:00"), 60, h)).toEqual(jst("2026-05-04T10:00:00"));
    const sevenDays = { ...DEFAULT_BUSINESS_HOURS, start: "10:00", end: "22:00", days: [1, 2, 3, 4, 5, 6, 7] };
    expect(addBusinessMinutes(jst("2026-04-18T21:30:00"), 60, sevenDays)).toEqual(jst("2026-04-19T10:30:00"));
  });
  it("business minutes between two instants", () => {
    expect(businessMinutesBetween(jst("2026-04-14T17:00:00"), jst("2026-04-15T10:00:00"), DEFAULT_BUSINESS_HOURS)).toBe(120);
    expect(businessMinutesBetween(jst("2026-04-15T10:00:00"), jst("2026-04-14T17:00:00"), DEFAULT_BUSINESS_HOURS)).toBe(-120);
  });
  it("states and warnings", () => {
    const due = jst("2026-04-14T12:00:00");
    expect(slaState({ slaDueAt: due, firstResponseAt: null }, jst("2026-04-14T11:00:00"), 15)).toBe("on_track");
    expect(slaState({ slaDueAt: due, firstResponseAt: null }, jst("2026-04-14T11:50:00"), 15)).toBe("due_soon");
    expect(slaState({ slaDueAt: due, firstResponseAt: null }, jst("2026-04-14T12:00:00"), 15)).toBe("breached");
    expect(slaState({ slaDueAt: due, firstResponseAt: jst("2026-04-14T11:59:00") }, jst("2026-04-15T00:00:00"))).toBe("met");
    expect(slaState({ slaDueAt: due, firstResponseAt: jst("2026-04-14T12:01:00") }, jst("2026-04-15T00:00:00"))).toBe("missed");
    expect(slaState({ slaDueAt: null, firstResponseAt: null }, due)).toBe("none");
    expect(slaWarnMinutes({ minutes: 60, clock: "24h" })).toBe(12);
    expect(slaWarnMinutes({ minutes: 10, clock: "24h" })).toBe(5);
  });
});
