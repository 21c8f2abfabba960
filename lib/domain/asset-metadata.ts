/**
 * The rules for an asset's rights metadata, shared by the upload form (browser) and the DAL (server).
 *
 * - source: own (made in house), licensed (stock, illustration), ugc (a customer's post, used with
 *   permission), agency (delivered by a production company), talent (a contracted person).
 *   Anything but `own` is a third-party asset: the post goes to Legal (checks.ts).
 * - A third-party asset needs the licence (what was granted: contract number, scope).
 * - A talent asset shows a person by definition: "contains a person's likeness" must be set.
 * - The licence expiry is a calendar day; the licence holds until the end of that day in the
 *   uploader's time zone. A day already past is refused (upload something you may use).
 */
export const ASSET_SOURCES = ["own", "licensed", "ugc", "agency", "talent"] as const;
export type AssetSource = (typeof ASSET_SOURCES)[number];

export const ASSET_LIMITS = { licenceMax: 500, nameMax: 200 } as const;

export type AssetMetadataIssue = "licence_required" | "talent_requires_likeness" | "licence_expiry_past" | "licence_expiry_invalid";

export function assetMetadataIssues(m: { source: AssetSource; licence: string | null; hasLikeness: boolean; licenceExpiresOn: string | null }, today: string): Partial<Record<"licence" | "hasLikeness" | "licenceExpiresOn", AssetMetadataIssue>> {
  const out: Partial<Record<"licence" | "hasLikeness" | "licenceExpiresOn", AssetMetadataIssue>> = {};
  if (m.source !== "own" && !(m.licence ?? "").trim()) out.licence = "licence_required";
  if (m.source === "talent" && !m.hasLikeness) out.hasLikeness = "talent_requires_likeness";
  if (m.licenceExpiresOn !== null) {
    if (!isIsoDate(m.licenceExpiresOn)) out.licenceExpiresOn = "licence_expiry_invalid";
    else if (m.licenceExpiresOn < today) out.licenceExpiresOn = "licence_expiry_past";
  }
  return out;
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** 23:59:59.999 of a calendar day in a time zone, as a UTC instant. */
export function endOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  return new Date(guess - offsetMs(new Date(guess), timeZone));
}

function offsetMs(at: Date, timeZone: string): number {
  const p = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (t: string) => Number(p.find((x) => x.type === t)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}
