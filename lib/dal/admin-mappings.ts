import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { idpGroupMappings, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";
import { ADMIN_ERRORS, isCleanText } from "./admin-errors";
import { MAPPING_LOCK, requireId, requireRole } from "./admin-shared";

export type GroupMappingDto = { id: string; groupName: string; role: Role; createdAt: Date; createdByName: string | null };

export const GROUP_NAME_MAX = 200;

/** idp_mapping.manage — every IdP group → role mapping (one company-wide table), by group name. */
export async function listGroupMappings(viewer: Viewer): Promise<GroupMappingDto[]> {
  authorize(viewer, "idp_mapping.manage");
  return db
    .select({
      id: idpGroupMappings.id,
      groupName: idpGroupMappings.groupName,
      role: idpGroupMappings.role,
      createdAt: idpGroupMappings.createdAt,
      createdByName: users.name,
    })
    .from(idpGroupMappings)
    .leftJoin(users, eq(users.id, idpGroupMappings.createdById))
    .orderBy(sql`lower(${idpGroupMappings.groupName})`, asc(idpGroupMappings.role));
}

/**
 * idp_mapping.manage — adds a mapping (company-wide). The name is trimmed, 1–200 characters;
 * the same (group, role) — compared case-insensitively, as sign-in matches it — is CONFLICT.
 * Takes effect at each member's next sign-in.
 */
export async function createGroupMapping(viewer: Viewer, input: { groupName: string; role: Role }): Promise<GroupMappingDto> {
  authorize(viewer, "idp_mapping.manage");
  const groupName = typeof input.groupName === "string" ? input.groupName.trim() : "";
  if (groupName.length < 1 || groupName.length > GROUP_NAME_MAX || !isCleanText(groupName)) {
    throw new AppError("VALIDATION", ADMIN_ERRORS.invalidGroupName, { groupName: [ADMIN_ERRORS.invalidGroupName] });
  }
  const role = requireRole(input.role);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MAPPING_LOCK})`);
    const [dup] = await tx
      .select({ id: idpGroupMappings.id })
      .from(idpGroupMappings)
      .where(and(sql`lower(${idpGroupMappings.groupName}) = lower(${groupName})`, eq(idpGroupMappings.role, role)))
      .limit(1);
    if (dup) throw new AppError("CONFLICT", ADMIN_ERRORS.duplicateMapping, { groupName: [ADMIN_ERRORS.duplicateMapping] });
    const [row] = await tx
      .insert(idpGroupMappings)
      .values({ groupName, role, createdById: viewer.id })
      .onConflictDoNothing()
      .returning({ id: idpGroupMappings.id, groupName: idpGroupMappings.groupName, role: idpGroupMappings.role, createdAt: idpGroupMappings.createdAt });
    if (!row) throw new AppError("CONFLICT", ADMIN_ERRORS.duplicateMapping, { groupName: [ADMIN_ERRORS.duplicateMapping] });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "idp_mapping.created",
      subjectType: "idp_mapping",
      subjectId: row.id,
      data: { groupName, role },
      requestId: viewer.requestId,
    });
    return { ...row, createdByName: viewer.name };
  });
}

/** idp_mapping.manage — removes a mapping by id (company-wide); NOT_FOUND if it is gone. Roles already granted stay until the next sign-in. */
export async function deleteGroupMapping(viewer: Viewer, input: { id: string }): Promise<{ id: string; groupName: string; role: Role }> {
  authorize(viewer, "idp_mapping.manage");
  const id = requireId(input.id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(idpGroupMappings)
      .where(eq(idpGroupMappings.id, id))
      .returning({ id: idpGroupMappings.id, groupName: idpGroupMappings.groupName, role: idpGroupMappings.role });
    if (!row) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "idp_mapping.deleted",
      subjectType: "idp_mapping",
      subjectId: row.id,
      data: { groupName: row.groupName, role: row.role },
      requestId: viewer.requestId,
    });
    return row;
  });
}
