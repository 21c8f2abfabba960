"use server";

import { z } from "zod";
import { cookies } from "next/headers";
import { defineAction } from "@/lib/auth/define-action";
import { signOut } from "@/lib/auth/config";
import { updateMyPreferences } from "@/lib/dal/preferences";
import { LOCALE_COOKIE } from "@/lib/i18n/request";

/** Deletes this session (database row and cookie). The client then navigates to /sign-in. */
export const signOutAction = defineAction({
  permission: "signed-in",
  schema: z.object({}).passthrough(),
  handler: async () => {
    await signOut({ redirect: false });
    return { redirectTo: "/sign-in?signedOut=1" };
  },
});

/** Saves the UI language on the person's own profile (and a cookie for the sign-in page). */
export const updateLocaleAction = defineAction({
  permission: "profile.update_self",
  schema: z.object({ locale: z.enum(["ja", "en"]) }),
  handler: async (viewer, { locale }) => {
    await updateMyPreferences(viewer!, { locale });
    (await cookies()).set(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 31536000 });
    return { locale };
  },
});
