"use server";

import { z } from "zod";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/define-action";
import { signIn, SSO_PROVIDER_ID } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { LOCALE_COOKIE } from "@/lib/i18n/request";

/** Starts the OIDC flow at the company IdP; the return path must stay on this origin. */
export const signInAction = defineAction({
  permission: "public",
  schema: z.object({ callbackUrl: z.string().max(2000).optional() }),
  handler: async (viewer, { callbackUrl }) => {
    const to = safeRedirectPath(callbackUrl, "/");
    // Already signed in: never start a second flow on top of a live session.
    if (viewer) redirect(to);
    await signIn(SSO_PROVIDER_ID, { redirectTo: to });
  },
});

/** Language before sign-in: a cookie only (after sign-in the choice is saved per user). */
export const setGuestLocaleAction = defineAction({
  permission: "public",
  schema: z.object({ locale: z.enum(["ja", "en"]) }),
  handler: async (_viewer, { locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 31536000 });
  },
});
