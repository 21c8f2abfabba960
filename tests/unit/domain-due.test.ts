import { describe, expect, it } from "vitest";
import { addBusinessHours, DEFAULT_DUE_POLICY, dueAction, dueStatus, reminderAt, stageDueAt } from "@/lib/domain/due";

/** A JST wall-clock time as an instant (Tokyo is UTC+9 all year). */
const jst = (s: string) => new Date(`${s}+09:00`);
const iso = (d: Date) => d.toISOString();

// 2026-03-02 is a Monday.
describe("addBusinessHours (Mon–Fri 09:00–18:00 Asia/Tokyo)", () => {
  it("inside one working day", () => {
    expect(iso(addBusinessHours(jst("2026-03-02T10:00:00"), 8))).toBe(iso(jst("2026-03-02T18:00:00")));
    expect(iso(addBusinessHours(jst("2026-03-02T09:00:00"), 4))).toBe(iso(jst("2026-03-02T13:00:00")));
  });
  it("carries over the night", () => {
    expect(iso(addBusinessHours(jst("2026-03-02T15:30:00"), 8))).toBe(iso(jst("2026-03-03T14:30:00")));
  });
  it("starts at 09:00 when requested before hours, and after midnight UTC", () => {
    expect(iso(addBusinessHours(jst("2026-03-03T07:00:00"), 8))).toBe(iso(jst("2026-03-03T17:00:00")));
    // 00:30 JST is still the previous day in UTC: the local day counts.
    expect(iso(addBusinessHours(jst("2026-03-03T00:30:00"), 1))).toBe(iso(jst("2026-03-03T10:00:00")));
  });
  it("skips the weekend", () => {
    expect(iso(addBusinessHours(jst("2026-03-06T17:00:00"), 8))).toBe(iso(jst("2026-03-09T16:00:00"))); // Fri → Mon
    expect(iso(addBusinessHours(jst("2026-03-07T12:00:00"), 8))).toBe(iso(jst("2026-03-09T17:00:00"))); // Sat → Mon
    expect(iso(addBusinessHours(jst("2026-03-06T18:00:00"), 1))).toBe(iso(jst("2026-03-09T10:00:00"))); // Fri at close
  });
  it("zero hours is the start itself", () => {
    expect(iso(addBusinessHours(jst("2026-03-07T12:00:00"), 0))).toBe(iso(jst("2026-03-07T12:00:00")));
  });
  it("follows another zone's DST (New York, 2026-03-08)", () => {
    const ny = { ...DEFAULT_DUE_POLICY, timeZone: "America/New_York" };
    // Fri 17:00 EST + 2h → Mon 10:00 EDT (UTC-4 after the switch).
    expect(iso(addBusinessHours(new Date("2026-03-06T17:00:00-05:00"), 2, ny))).toBe("2026-03-09T14:00:00.000Z");
  });
});

describe("stageDueAt", () => {
  const mon10 = jst("2026-03-02T10:00:00");
  it("no slot: the business-hours clock", () => {
    expect(iso(stageDueAt("pr", mon10, null))).toBe(iso(jst("2026-03-02T18:00:00")));
    expect(iso(stageDueAt("legal", mon10, null))).toBe(iso(jst("2026-03-02T18:00:00")));
    expect(iso(stageDueAt("final", mon10, null))).toBe(iso(jst("2026-03-02T14:00:00")));
  });
  it("a far slot: the business-hours clock wins", () => {
    expect(iso(stageDueAt("pr", mon10, jst("2026-03-05T12:00:00")))).toBe(iso(jst("2026-03-02T18:00:00")));
  });
  it("slot − 24h wins when it comes first", () => {
    // Friday 17:00 request, slot Monday 09:00: 8 business hours would be Monday 16:00 (after the slot).
    const fri = jst("2026-03-06T17:00:00");
    expect(iso(stageDueAt("pr", fri, jst("2026-03-09T09:00:00")))).toBe(iso(jst("2026-03-08T09:00:00")));
  });
  it("final: slot − 2h", () => {
    expect(iso(stageDueAt("final", mon10, jst("2026-03-02T15:00:00")))).toBe(iso(jst("2026-03-02T13:00:00")));
  });
  it("near slot: half of the time left, never an instant overdue", () => {
    // Submitted 3h before the slot: PR/Legal due in 1.5h.
    expect(iso(stageDueAt("pr", mon10, jst("2026-03-02T13:00:00")))).toBe(iso(jst("2026-03-02T11:30:00")));
    // Final opened 1h before the slot: due in 30 min.
    expect(iso(stageDueAt("final", mon10, jst("2026-03-02T11:00:00")))).toBe(iso(jst("2026-03-02T10:30:00")));
    // Slot 26h away on a weekend night: halfway (13h) beats slot − 24h (2h).
    const sat = jst("2026-03-07T20:00:00");
    expect(iso(stageDueAt("legal", sat, jst("2026-03-08T22:00:00")))).toBe(iso(jst("2026-03-08T09:00:00")));
  });
  it("is never before the request nor after the slot", () => {
    expect(iso(stageDueAt("pr", mon10, jst("2026-03-02T09:00:00")))).toBe(iso(mon10)); // slot already passed
    expect(iso(stageDueAt("final", mon10, mon10))).toBe(iso(mon10));
    for (const minutes of [1, 7, 60, 200, 1500, 3000, 10_000]) {
      const slot = new Date(mon10.getTime() + minutes * 60_000);
      for (const stage of ["pr", "legal", "final"] as const) {
        const due = stageDueAt(stage, mon10, slot).getTime();
        expect(due).toBeGreaterThanOrEqual(mon10.getTime());
        expect(due).toBeLessThanOrEqual(slot.getTime());
      }
    }
  });
});

describe("reminders and escalation", () => {
  const opened = jst("2026-03-02T10:00:00");
  const due = jst("2026-03-02T18:00:00");
  it("reminds a quarter of the window before due, at most 2h", () => {
    expect(iso(reminderAt(opened, due))).toBe(iso(jst("2026-03-02T16:00:00")));
    expect(iso(reminderAt(opened, jst("2026-03-02T11:00:00")))).toBe(iso(jst("2026-03-02T10:45:00")));
  });
  it("status over time", () => {
    expect(dueStatus(jst("2026-03-02T12:00:00"), opened, due)).toBe("on_track");
    expect(dueStatus(jst("2026-03-02T16:00:00"), opened, due)).toBe("due_soon");
    expect(dueStatus(due, opened, due)).toBe("overdue");
  });
  it("reminds once, escalates once", () => {
    const s = { openedAt: opened, dueAt: due, remindedAt: null, escalatedAt: null };
    expect(dueAction(jst("2026-03-02T12:00:00"), s)).toBeNull();
    expect(dueAction(jst("2026-03-02T16:30:00"), s)).toBe("remind");
    expect(dueAction(jst("2026-03-02T16:30:00"), { ...s, remindedAt: jst("2026-03-02T16:01:00") })).toBeNull();
    expect(dueAction(jst("2026-03-02T18:01:00"), s)).toBe("escalate");
    expect(dueAction(jst("2026-03-02T18:01:00"), { ...s, escalatedAt: jst("2026-03-02T18:00:30") })).toBeNull();
  });
});

describe("fast lane (corrections, apologies, statements)", () => {
  it("is due 2 hours after opening on the wall clock, even on a Sunday night", () => {
    const sun = jst("2026-03-08T23:00:00");
    for (const stage of ["pr", "legal", "final"] as const) expect(iso(stageDueAt(stage, sun, null, undefined, { fastLane: true }))).toBe(iso(jst("2026-03-09T01:00:00")));
  });
  it("still respects a near slot", () => {
    const mon10 = jst("2026-03-02T10:00:00");
    expect(iso(stageDueAt("final", mon10, jst("2026-03-02T11:00:00"), undefined, { fastLane: true }))).toBe(iso(jst("2026-03-02T10:30:00")));
  });
});
