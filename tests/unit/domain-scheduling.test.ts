import { describe, expect, it } from "vitest";
import { allowedSlotMove, parseInstant, settleTargets, slotIssue, slotMoveFor } from "@/lib/domain/scheduling";
import { POST_STATES } from "@/lib/domain/workflow";
import { permissionsFor } from "@/lib/auth/permissions";
import { buildDayCells, postHref, type BlackoutInput, type CalendarPostInput } from "@/app/(portal)/calendar/_components/model";
import { monthGrid, weekDays, zonedToUtc } from "@/lib/domain/calendar";

const TOKYO = "Asia/Tokyo";
const as = (id: string, roles: Parameters<typeof permissionsFor>[0]) => ({ id, permissions: permissionsFor(roles) as ReadonlySet<string> });
const manager = as("m", ["social_media_manager"]);
const creator = as("c", ["content_creator"]);
const otherCreator = as("c2", ["content_creator"]);
const pr = as("p", ["pr"]);

describe("who may move a slot, and how", () => {
  it("maps every state: planned before approval, re-armed after, fixed once it went out", () => {
    const expected: Record<string, string | null> = {
      draft: "plan",
      in_review: "plan",
      changes_requested: "plan",
      final_review: "plan",
      approved: "reschedule",
      scheduled: "reschedule",
      failed: "reschedule",
      expired: "reschedule",
      publishing: null,
      published: null,
      cancelled: null,
    };
    for (const s of POST_STATES) expect(slotMoveFor(s), s).toBe(expected[s]);
  });

  it("the author or the manager plans; only the manager reschedules; others nothing", () => {
    const mine = { state: "in_review" as const, authorId: "c" };
    expect(allowedSlotMove(creator, mine)).toBe("plan");
    expect(allowedSlotMove(otherCreator, mine)).toBeNull();
    expect(allowedSlotMove(manager, mine)).toBe("plan");
    expect(allowedSlotMove(pr, mine)).toBeNull();
    const approved = { state: "approved" as const, authorId: "c" };
    expect(allowedSlotMove(creator, approved)).toBeNull();
    expect(allowedSlotMove(manager, approved)).toBe("reschedule");
    expect(allowedSlotMove(manager, { state: "published", authorId: "c" })).toBeNull();
  });
});

describe("slot input", () => {
  it("reads ISO instants and datetime-local values in the viewer's zone; refuses the rest", () => {
    expect(parseInstant("2026-12-02T18:30", TOKYO)?.toISOString()).toBe("2026-12-02T09:30:00.000Z");
    expect(parseInstant("2026-12-02T09:30:00.000Z", TOKYO)?.toISOString()).toBe("2026-12-02T09:30:00.000Z");
    expect(parseInstant("2026-12-02T18:30:00+09:00", "UTC")?.toISOString()).toBe("2026-12-02T09:30:00.000Z");
    expect(parseInstant(new Date("2026-12-02T09:30:00Z"), TOKYO)?.toISOString()).toBe("2026-12-02T09:30:00.000Z");
    for (const bad of ["2026-02-30T10:00", "2026-12-02 18:30", "tomorrow", "", "2026-12-02T25:00Z", 1764667800000, null, {}, new Date("x")]) {
      expect(parseInstant(bad, TOKYO), String(bad)).toBeNull();
    }
  });

  it("a slot must be in the future and within two years", () => {
    const now = new Date("2026-11-29T00:00:00Z");
    expect(slotIssue(new Date("2026-11-29T00:00:00Z"), now)).toBe("slot_in_past");
    expect(slotIssue(new Date("2026-11-28T23:59:00Z"), now)).toBe("slot_in_past");
    expect(slotIssue(new Date("2026-11-29T00:01:00Z"), now)).toBeNull();
    expect(slotIssue(new Date("2029-01-01T00:00:00Z"), now)).toBe("slot_too_far");
  });
});

describe("the calendar's view model", () => {
  const post = (id: string, slotAt: Date, o: Partial<CalendarPostInput> = {}): CalendarPostInput => ({
    id,
    title: id,
    state: "scheduled",
    kind: "post",
    brandId: "cafe",
    brandName: "あおばカフェ",
    brandColor: "#0f766e",
    authorId: "c",
    authorName: "高橋",
    slotAt,
    channels: [{ id: "ch-x", platform: "x", name: "X" }],
    ...o,
  });
  const quiet: BlackoutInput = {
    id: "w",
    brandId: null,
    channelId: null,
    brandName: null,
    channelName: null,
    startsAt: zonedToUtc("2026-12-08", "00:00", TOKYO),
    endsAt: zonedToUtc("2026-12-09", "16:00", TOKYO),
    reason: "決算発表前の沈黙期間",
  };

  it("places posts on their Tokyo day, draws at most maxPerDay with '+N more', marks today and blackout days", () => {
    const posts = [
      // 00:30 JST on 12/8 is still 12/7 in UTC: it belongs to the 8th.
      post("early", zonedToUtc("2026-12-08", "00:30", TOKYO)),
      ...Array.from({ length: 6 }, (_, i) => post(`busy${i}`, zonedToUtc("2026-12-10", `1${i}:00`, TOKYO))),
      post("late", zonedToUtc("2026-12-07", "23:30", TOKYO)),
    ];
    const cells = buildDayCells(weekDays("2026-12-08"), posts, [quiet], { viewer: manager, timeZone: TOKYO, today: "2026-12-09", maxPerDay: 4 });
    const byKey = Object.fromEntries(cells.map((c) => [c.key, c]));
    expect(byKey["2026-12-07"]!.items.map((i) => i.id)).toEqual(["late"]);
    expect(byKey["2026-12-08"]!.items.map((i) => [i.id, i.time, i.blackoutReason])).toEqual([["early", "00:30", "決算発表前の沈黙期間"]]);
    expect(byKey["2026-12-10"]).toMatchObject({ total: 6, more: 3 });
    expect(byKey["2026-12-10"]!.items.map((i) => i.id)).toEqual(["busy0", "busy1", "busy2"]);
    expect(cells.filter((c) => c.blackouts.length).map((c) => c.key)).toEqual(["2026-12-08", "2026-12-09"]);
    expect(cells.filter((c) => c.isToday).map((c) => c.key)).toEqual(["2026-12-09"]);
    // The manager may reschedule a scheduled post and opens it on the final-approval page.
    expect(byKey["2026-12-07"]!.items[0]).toMatchObject({ move: "reschedule", href: "/manager/approvals/late" });
  });

  it("a creator sees the same post without a handle, and opens it in the studio; an analyst cannot open it", () => {
    const p = post("x", zonedToUtc("2026-12-10", "10:00", TOKYO));
    const [cell] = buildDayCells([{ key: "2026-12-10", inMonth: true, weekday: 4 }], [p], [], { viewer: creator, timeZone: TOKYO, today: "2026-12-01", maxPerDay: 4 });
    expect(cell!.items[0]).toMatchObject({ move: null, href: "/studio/posts/x" });
    expect(postHref(as("a", ["data_analyst"]), "x")).toBeNull();
    expect(postHref(pr, "x")).toBe("/pr/reviews/x");
  });

  it("a month grid of cells keeps the padding days", () => {
    const cells = buildDayCells(monthGrid("2026-12-01").weeks.flat(), [], [], { viewer: manager, timeZone: TOKYO, today: "2026-12-01", maxPerDay: 4 });
    expect(cells).toHaveLength(35);
    expect(cells.filter((c) => c.inMonth)).toHaveLength(31);
  });
});

describe("settleTargets", () => {
  it("waits while any live target is still on its way", () => {
    for (const s of ["pending", "scheduled", "held", "publishing"]) expect(settleTargets(["published", s]).kind).toBe("in_flight");
    expect(settleTargets(["cancelled", "publishing"]).kind).toBe("in_flight");
  });
  it("ignores cancelled targets; none live is its own outcome", () => {
    expect(settleTargets(["cancelled", "cancelled"])).toEqual({ kind: "no_live_targets" });
    expect(settleTargets([])).toEqual({ kind: "no_live_targets" });
    expect(settleTargets(["cancelled", "published"])).toEqual({ kind: "published", live: 1, published: 1, needsHumanCheck: false });
  });
  it("fails when any live target did not go out, flagging unknown outcomes", () => {
    expect(settleTargets(["published", "failed"])).toEqual({ kind: "failed", live: 2, published: 1, needsHumanCheck: false });
    expect(settleTargets(["published", "needs_human_check"])).toEqual({ kind: "failed", live: 2, published: 1, needsHumanCheck: true });
  });
});
