/**
 * Browsers always send Origin on cross-origin POSTs and Sec-Fetch-Site on all requests.
 * A mutating request from another site is refused before anything runs.
 */
export function isCrossOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
