/**
 * A line diff for comparing two revisions of a post's text (the reviewer's "what changed").
 * Pure and dependency-free: the classic longest-common-subsequence table, which is plenty for
 * social-media posts (a few dozen lines at most). Lines are compared exactly (no normalisation):
 * a change of full-width to half-width characters is a change a reviewer must see.
 */

export type DiffOp = "equal" | "add" | "del";
export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** Beyond this many lines on either side the table would be large; fall back to "all deleted, all added". */
export const MAX_DIFF_LINES = 2_000;

export function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n?/g, "\n").split("\n");
}

/** The lines of `to` against those of `from`, in order: deletions before additions at each change. */
export function diffLines(from: string, to: string): DiffLine[] {
  const a = splitLines(from);
  const b = splitLines(to);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return [...a.map((text) => ({ op: "del" as const, text })), ...b.map((text) => ({ op: "add" as const, text }))];
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "equal", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: "del", text: a[i]! });
      i++;
    } else {
      out.push({ op: "add", text: b[j]! });
      j++;
    }
  }
  while (i < n) out.push({ op: "del", text: a[i++]! });
  while (j < m) out.push({ op: "add", text: b[j++]! });
  return out;
}

/** True when the diff has any addition or deletion. */
export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((l) => l.op !== "equal");
}
