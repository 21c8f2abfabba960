import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db";
import { legalSettings, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Legal's policies (one row, id 1; defaults when it was never saved): what happens to published
 * posts whose asset rights ended (flag only / hide / delete through the connector), and the
 * retention ages of closed inbox items and untouched drafts. Read by the jobs as the system;
 * changed by Legal (legal_policy.manage), audited with before and after.
 */

export const RIGHTS_EXPIRY_ACTIONS = ["flag", "hide", "delete"] as const;
export type RightsExpiryAction = (typeof RIGHTS_EXPIRY_ACTIONS)[number];

export type LegalSettingsDto = {
  rightsExpiryAction: RightsExpiryAction;
  inboxRetentionDays: number;
  draftRetentionDays: number;
  updatedAt: Date | null;
  updatedByName: string | null;
};

export const LEGAL_SETTINGS_DEFAULTS = { rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180 } as const;

export const updateLegalSettingsSchema = z.strictObject({
  rightsExpiryAction: z.enum(RIGHTS_EXPIRY_ACTIONS),
  inboxRetentionDays: z.coerce.number().int().min(30).max(3650),
  draftRetentionDays: z.coerce.number().int().min(30).max(3650),
});
export type UpdateLegalSettingsInput = z.input<typeof updateLegalSettingsSchema>;

/** The policies as the jobs read them (no viewer: the system). */
export async function readLegalSettings(tx: Tx = db): Promise<LegalSettingsDto> {
  const [row] = await tx
    .select({
      rightsExpiryAction: legalSettings.rightsExpiryAction,
      inboxRetentionDays: legalSettings.inboxRetentionDays,
      draftRetentionDays: legalSettings.draftRetentionDays,
      updatedAt: legalSettings.updatedAt,
      updatedByName: users.name,
    })
    .from(legalSettings)
    .leftJoin(users, eq(users.id, legalSettings.updatedById))
    .where(eq(legalSettings.id, 1));
  return row ?? { ...LEGAL_SETTINGS_DEFAULTS, updatedAt: null, updatedByName: null };
}

/** Legal and the manager see the policies (the rights view shows them). */
export async function getLegalSettings(viewer: Viewer): Promise<LegalSettingsDto> {
  if (!viewer.permissions.has("legal_policy.manage")) authorize(viewer, "evidence.export");
  return readLegalSettings();
}

export async function updateLegalSettings(viewer: Viewer, input: UpdateLegalSettingsInput): Promise<LegalSettingsDto> {
  authorize(viewer, "legal_policy.manage");
  const r = updateLegalSettingsSchema.safeParse(input);
  if (!r.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of r.error.issues) (fieldErrors[i.path.map(String).join(".") || "_"] ??= []).push(i.message);
    throw new AppError("VALIDATION", undefined, fieldErrors);
  }
  const next = r.data;
  return db.transaction(async (tx) => {
    const before = await readLegalSettings(tx);
    await tx
      .insert(legalSettings)
      .values({ id: 1, ...next, updatedById: viewer.id, updatedAt: new Date() })
      .onConflictDoUpdate({ target: legalSettings.id, set: { ...next, updatedById: viewer.id, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "legal_settings.updated",
      subjectType: "legal_settings",
      subjectId: "1",
      data: {
        before: { rightsExpiryAction: before.rightsExpiryAction, inboxRetentionDays: before.inboxRetentionDays, draftRetentionDays: before.draftRetentionDays },
        after: next,
      },
      requestId: viewer.requestId,
    });
    return readLegalSettings(tx);
  });
}
