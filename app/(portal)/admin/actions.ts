"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  createGroupMapping,
  deactivateUser,
  deleteGroupMapping,
  grantRole,
  reactivateUser,
  revokeRole,
  verifyAuditChain,
} from "@/lib/dal/admin";
import {
  createGroupMappingSchema,
  deactivateUserSchema,
  deleteGroupMappingSchema,
  grantRoleSchema,
  reactivateUserSchema,
  revokeRoleSchema,
  verifyAuditChainSchema,
} from "./schemas";

/** Every admin page shows users, mappings or audit rows: refresh them all after a change. */
function refreshAdmin() {
  revalidatePath("/admin", "layout");
}

/** Grants a role by hand (source manual). */
export const grantRoleAction = defineAction({
  permission: "user.manage_roles",
  schema: grantRoleSchema,
  handler: async (viewer, input) => {
    const r = await grantRole(viewer!, input);
    refreshAdmin();
    return r;
  },
});

/** Removes a role (never the last active admin's admin role). */
export const revokeRoleAction = defineAction({
  permission: "user.manage_roles",
  schema: revokeRoleSchema,
  handler: async (viewer, input) => {
    const r = await revokeRole(viewer!, input);
    refreshAdmin();
    return r;
  },
});

/** Deactivates a person and ends all their sessions. */
export const deactivateUserAction = defineAction({
  permission: "user.deactivate",
  schema: deactivateUserSchema,
  handler: async (viewer, input) => {
    const r = await deactivateUser(viewer!, input);
    refreshAdmin();
    return r;
  },
});

/** Lets a deactivated person sign in again. */
export const reactivateUserAction = defineAction({
  permission: "user.deactivate",
  schema: reactivateUserSchema,
  handler: async (viewer, input) => {
    const r = await reactivateUser(viewer!, input);
    refreshAdmin();
    return r;
  },
});

/** Adds an IdP group → role mapping. */
export const createGroupMappingAction = defineAction({
  permission: "idp_mapping.manage",
  schema: createGroupMappingSchema,
  handler: async (viewer, input) => {
    const r = await createGroupMapping(viewer!, input);
    refreshAdmin();
    return { id: r.id, groupName: r.groupName, role: r.role };
  },
});

/** Removes an IdP group → role mapping. */
export const deleteGroupMappingAction = defineAction({
  permission: "idp_mapping.manage",
  schema: deleteGroupMappingSchema,
  handler: async (viewer, input) => {
    const r = await deleteGroupMapping(viewer!, input);
    refreshAdmin();
    return r;
  },
});

/** Verifies the audit hash chain (and records that it did). */
export const verifyAuditChainAction = defineAction({
  permission: "audit.verify",
  schema: verifyAuditChainSchema,
  handler: async (viewer) => {
    const r = await verifyAuditChain(viewer!);
    refreshAdmin();
    return { ...r, verifiedAt: r.verifiedAt.toISOString() };
  },
});
