import { describe, expect, it } from "vitest";
import { CSV_BOM, auditExportFilename, csvCell, csvRow, formatLocalTimestamp, timeZoneOffsetMs, zonedWallTimeToUtc } from "@/lib/dal/admin-csv";
import { adminErrorKey, ADMIN_ERRORS, isCleanText } from "@/lib/dal/admin-errors";

describe("csvCell: formula injection", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+81 3 1234", "'+81 3 1234"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["=HYPERLINK(\"http://x\",\"y\")", `"'=HYPERLINK(""http://x"",""y"")"`],
    ["\r=1", `"'\r=1"`],
  ])("%j → %j", (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it("leaves ordinary text alone, including a formula sign later in the cell", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(" =1")).toBe(" =1");
    expect(csvCell("佐藤 美咲")).toBe("佐藤 美咲");
    expect(csvCell("＝全角")).toBe("＝全角");
  });
});

describe("csvCell: RFC 4180", () => {
  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("line1\r\nline2")).toBe('"line1\r\nline2"');
  });

  it("renders null, numbers, dates and objects", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(new Date("2025-04-01T00:00:00.000Z"))).toBe("2025-04-01T00:00:00.000Z");
    expect(csvCell({ a: "日本語", b: [1, 2] })).toBe('"{""a"":""日本語"",""b"":[1,2]}"');
  });

  it("csvRow joins with commas and ends with CRLF; the BOM is U+FEFF", () => {
    expect(csvRow(["id", "=x", "a,b", null])).toBe(`id,'=x,"a,b",\r\n`);
    expect(CSV_BOM).toBe("\uFEFF");
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("time zones", () => {
  it("formats in the viewer's zone", () => {
    const d = new Date("2025-03-31T15:30:05.000Z");
    expect(formatLocalTimestamp(d, "Asia/Tokyo")).toBe("2025-04-01 00:30:05");
    expect(formatLocalTimestamp(d, "UTC")).toBe("2025-03-31 15:30:05");
    expect(auditExportFilename(d, "Asia/Tokyo")).toBe("audit-20250401.csv");
    expect(auditExportFilename(d, "America/New_York")).toBe("audit-20250331.csv");
  });

  it("converts a wall-clock time in a zone to UTC, across DST", () => {
    expect(timeZoneOffsetMs(Date.UTC(2025, 0, 1), "Asia/Tokyo")).toBe(9 * 3600_000);
    expect(zonedWallTimeToUtc({ year: 2025, month: 4, day: 1 }, "Asia/Tokyo").toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(zonedWallTimeToUtc({ year: 2025, month: 7, day: 1, hour: 9, minute: 30 }, "America/New_York").toISOString()).toBe("2025-07-01T13:30:00.000Z");
    expect(zonedWallTimeToUtc({ year: 2025, month: 1, day: 1, hour: 9, minute: 30 }, "America/New_York").toISOString()).toBe("2025-01-01T14:30:00.000Z");
    // 2025-03-09 02:30 does not exist in New York; either neighbouring instant is acceptable, but it is within an hour.
    const gap = zonedWallTimeToUtc({ year: 2025, month: 3, day: 9, hour: 2, minute: 30 }, "America/New_York").getTime();
    expect(Math.abs(gap - Date.UTC(2025, 2, 9, 7, 30))).toBeLessThanOrEqual(3600_000);
  });
});

describe("admin error messages", () => {
  it("maps each message back to its key, and nothing else", () => {
    for (const [k, v] of Object.entries(ADMIN_ERRORS)) expect(adminErrorKey(v)).toBe(k);
    expect(adminErrorKey("Something went wrong")).toBeNull();
    expect(adminErrorKey(undefined)).toBeNull();
  });

  it("isCleanText refuses control characters and broken Unicode", () => {
    expect(isCleanText("営業部 it-admins\t")).toBe(true);
    expect(isCleanText("a\u0000b")).toBe(false);
    expect(isCleanText("a\u001bb")).toBe(false);
    expect(isCleanText("a\u0085b")).toBe(false);
    expect(isCleanText("\ud800")).toBe(false);
  });
});
