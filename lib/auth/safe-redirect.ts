/**
 * Where to go after sign-in: only a path on this origin. Rejects absolute URLs,
 * protocol-relative `//host`, backslash tricks like `/\host`, and control characters.
 */
export function safeRedirectPath(input: unknown, fallback = "/"): string {
  if (typeof input !== "string" || input.length === 0 || input.length > 2000) return fallback;
  if (!input.startsWith("/") || input.startsWith("//") || input.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(input)) return fallback;
  try {
    const base = "http://portal.invalid";
    const u = new URL(input, base);
    if (u.origin !== base) return fallback;
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return fallback;
  }
}
