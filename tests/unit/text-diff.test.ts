import { describe, expect, it } from "vitest";
import { diffLines, hasChanges, MAX_DIFF_LINES, splitLines } from "@/lib/domain/text-diff";

describe("diffLines", () => {
  it("equal texts give only equal lines", () => {
    const d = diffLines("新商品のお知らせ\n本日発売", "新商品のお知らせ\n本日発売");
    expect(d).toEqual([
      { op: "equal", text: "新商品のお知らせ" },
      { op: "equal", text: "本日発売" },
    ]);
    expect(hasChanges(d)).toBe(false);
  });

  it("a changed line is a deletion followed by an addition", () => {
    expect(diffLines("【広告】秋の新作\n全国で発売", "【広告】秋の新作\n全国で好評発売中")).toEqual([
      { op: "equal", text: "【広告】秋の新作" },
      { op: "del", text: "全国で発売" },
      { op: "add", text: "全国で好評発売中" },
    ]);
  });

  it("additions and deletions at both ends", () => {
    expect(diffLines("あ\nい\nう", "い\nう\nえ")).toEqual([
      { op: "del", text: "あ" },
      { op: "equal", text: "い" },
      { op: "equal", text: "う" },
      { op: "add", text: "え" },
    ]);
  });

  it("empty sides", () => {
    expect(diffLines("", "")).toEqual([]);
    expect(diffLines("", "こんにちは")).toEqual([{ op: "add", text: "こんにちは" }]);
    expect(diffLines("さようなら", "")).toEqual([{ op: "del", text: "さようなら" }]);
  });

  it("CRLF and LF are the same line break", () => {
    expect(splitLines("一\r\n二\r三")).toEqual(["一", "二", "三"]);
    expect(hasChanges(diffLines("一\r\n二", "一\n二"))).toBe(false);
  });

  it("full-width and half-width differ (no normalisation)", () => {
    expect(hasChanges(diffLines("ＰＲ", "PR"))).toBe(true);
  });

  it("very long texts fall back to delete-all / add-all", () => {
    const big = Array.from({ length: MAX_DIFF_LINES + 1 }, (_, i) => `行${i}`).join("\n");
    const d = diffLines(big, "短い");
    expect(d.filter((l) => l.op === "del")).toHaveLength(MAX_DIFF_LINES + 1);
    expect(d.at(-1)).toEqual({ op: "add", text: "短い" });
  });

  it("keeps the LCS: unchanged lines between edits stay equal", () => {
    const d = diffLines("a\nb\nc\nd", "a\nx\nc\ny");
    expect(d.filter((l) => l.op === "equal").map((l) => l.text)).toEqual(["a", "c"]);
  });
});
