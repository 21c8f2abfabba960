/**
 * Messages live in one file per namespace (messages/<locale>/<namespace>.json), so each
 * workspace owns its own strings. This list is the registry; a test checks ja and en match.
 */
export const NAMESPACES = [
  "common",
  "auth",
  "nav",
  "manager",
  "community",
  "studio",
  "pr",
  "legal",
  "analytics",
  "ads",
  "admin",
  "notifications",
  "calendar",
  "publishing",
  "assets",
  "crisis",
  "corrections",
  "comments",
  "rules",
  "inboxSettings",
  "replies",
  "legalQueue",
  "legalHolds",
] as const;

export async function loadMessages(locale: "ja" | "en"): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
