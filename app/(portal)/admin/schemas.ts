/**
 * zod schemas for the admin area's inputs (server actions and search params). Kept out of
 * actions.ts because a "use server" file may export only async functions.
 */
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { isCleanText } from "@/lib/dal/admin-errors";
import { GROUP_NAME_MAX_LENGTH } from "./constants";

const id = z.string().trim().min(1).max(200);

export const grantRoleSchema = z.object({ userId: id, role: z.enum(ROLES) });
export type GrantRoleInput = z.infer<typeof grantRoleSchema>;

export const revokeRoleSchema = z.object({ userId: id, role: z.enum(ROLES) });
export type RevokeRoleInput = z.infer<typeof revokeRoleSchema>;

export const deactivateUserSchema = z.object({ userId: id });
export type DeactivateUserInput = z.infer<typeof deactivateUserSchema>;

export const reactivateUserSchema = z.object({ userId: id });
export type ReactivateUserInput = z.infer<typeof reactivateUserSchema>;

export const createGroupMappingSchema = z.object({
  groupName: z.string().trim().min(1).max(GROUP_NAME_MAX_LENGTH),
  role: z.enum(ROLES),
});
export type CreateGroupMappingInput = z.infer<typeof createGroupMappingSchema>;

export const deleteGroupMappingSchema = z.object({ id });
export type DeleteGroupMappingInput = z.infer<typeof deleteGroupMappingSchema>;

export const verifyAuditChainSchema = z.object({});

/** /admin/users?q=&role=&status=&page= — anything malformed falls back to the default. */
export const usersQuerySchema = z.object({
  q: z.string().trim().max(200).refine(isCleanText).optional().catch(undefined),
  role: z
    .enum([...ROLES, "none"])
    .optional()
    .catch(undefined),
  status: z.enum(["all", "active", "deactivated"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type UsersQuery = z.infer<typeof usersQuerySchema>;

/** Next's searchParams → plain strings (a repeated key keeps its first value). */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
}
