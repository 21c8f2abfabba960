import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { AppError } from "@/lib/errors";
import { users } from "@/db/schema";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/** profile.update_self — a person changes only their own row (scoped by viewer.id). */
export async function updateMyPreferences(
  viewer: Viewer,
  prefs: { locale?: "ja" | "en"; timeZone?: string },
): Promise<{ locale: string; timeZone: string }> {
  authorize(viewer, "profile.update_self");
  if (prefs.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: prefs.timeZone });
    } catch {
      throw new AppError("VALIDATION", "Unknown time zone", { timeZone: ["Unknown time zone"] });
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ ...(prefs.locale ? { locale: prefs.locale } : {}), ...(prefs.timeZone ? { timeZone: prefs.timeZone } : {}) })
      .where(eq(users.id, viewer.id))
      .returning({ locale: users.locale, timeZone: users.timeZone });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "user.preferences_updated",
      subjectType: "user",
      subjectId: viewer.id,
      data: prefs,
      requestId: viewer.requestId,
    });
    return row!;
  });
}
