import { describe, expect, it } from "vitest";
import { auditFilterQuerySchema, auditFilterSearchParams, parseLocalDateTime, toAuditFilter } from "@/lib/dal/admin-audit-filters";
import { ADMIN_ERRORS } from "@/lib/dal/admin-errors";

const parse = (q: Record<string, string>) => auditFilterQuerySchema.safeParse(q);

describe("auditFilterQuerySchema", () => {
  it("trims, drops empty values and parses the cursor", () => {
    const r = parse({ actor: "  佐藤 ", action: "user.", subjectType: "", subjectId: " ", from: "", to: "2025-04-01", before: "120" });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ actor: "佐藤", action: "user.", subjectType: undefined, subjectId: undefined, from: undefined, to: "2025-04-01", before: 120 });
  });

  it.each([
    [{ action: "user'; drop table" }],
    [{ subjectType: "a b" }],
    [{ actor: "x".repeat(201) }],
    [{ actor: "a\u0000" }],
    [{ from: "2025-02-30" }],
    [{ from: "2025-13-01T00:00" }],
    [{ to: "2025-04-01T24:00" }],
    [{ to: "yesterday" }],
    [{ before: "-1" }],
    [{ before: "1e9" }],
    [{ before: "9".repeat(16) }],
  ])("refuses %j", (q) => {
    expect(parse(q as Record<string, string>).success).toBe(false);
  });
});

describe("toAuditFilter", () => {
  it("reads dates in the viewer's zone; `to` covers the whole day or minute it names", () => {
    const { filter, fieldErrors } = toAuditFilter({ from: "2025-04-01", to: "2025-04-01" } as never, "Asia/Tokyo");
    expect(fieldErrors).toBeUndefined();
    expect(filter.from!.toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(filter.to!.toISOString()).toBe("2025-04-01T15:00:00.000Z");
    const m = toAuditFilter({ from: "2025-04-01T09:00", to: "2025-04-01T09:30" } as never, "Asia/Tokyo").filter;
    expect(m.from!.toISOString()).toBe("2025-04-01T00:00:00.000Z");
    expect(m.to!.toISOString()).toBe("2025-04-01T00:31:00.000Z");
  });

  it("a day across a DST change still ends at local midnight", () => {
    const { filter } = toAuditFilter({ to: "2025-03-09" } as never, "America/New_York");
    expect(filter.to!.toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });

  it("an inverted range is a field error on `to`", () => {
    const r = toAuditFilter({ from: "2025-04-02", to: "2025-04-01" } as never, "Asia/Tokyo");
    expect(r.fieldErrors).toEqual({ to: [ADMIN_ERRORS.invalidTimeRange] });
  });

  it("passes text filters through", () => {
    expect(toAuditFilter({ actor: "a", action: "user.", subjectType: "user", subjectId: "u1" } as never, "UTC").filter).toEqual({ actor: "a", action: "user.", subjectType: "user", subjectId: "u1" });
  });
});

describe("helpers", () => {
  it("parseLocalDateTime", () => {
    expect(parseLocalDateTime("2024-02-29")).toMatchObject({ precision: "day" });
    expect(parseLocalDateTime("2025-02-29")).toBeNull();
    expect(parseLocalDateTime("2025-04-01T09:05:07")).toMatchObject({ hour: 9, minute: 5, second: 7, precision: "second" });
    expect(parseLocalDateTime("1999-01-01")).toBeNull();
  });

  it("auditFilterSearchParams keeps only set filters, plus extras", () => {
    expect(auditFilterSearchParams({ actor: "佐藤", action: undefined, subjectType: undefined, subjectId: undefined, from: "2025-04-01", to: undefined, before: 99 }, { before: 10 })).toBe(
      "actor=%E4%BD%90%E8%97%A4&from=2025-04-01&before=10",
    );
  });
});
