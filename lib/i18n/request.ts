import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { getViewer } from "@/lib/auth/current";
import { loadMessages } from "./messages";

export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "portal_locale";

/** Japanese first. A signed-in person's saved choice wins; before sign-in, a cookie. */
export default getRequestConfig(async () => {
  const viewer = await getViewer().catch(() => null);
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = viewer?.locale ?? (cookieLocale === "en" ? "en" : "ja");
  return {
    locale,
    timeZone: viewer?.timeZone ?? "Asia/Tokyo",
    messages: await loadMessages(locale),
  };
});
