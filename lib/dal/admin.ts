/**
 * The admin area's data access (/admin): users and roles, deactivation, IdP group mappings,
 * and the audit log. Every function checks its permission itself and audits its change in the
 * same transaction; see the split files for each function's rule.
 */
import "server-only";

export {
  listUsers,
  getUser,
  grantRole,
  revokeRole,
  deactivateUser,
  reactivateUser,
  getAdminOverview,
  USERS_PAGE_SIZE,
  type AdminUserDto,
  type AdminUserRoleDto,
  type AdminOverviewDto,
  type ListUsersInput,
  type ListUsersResult,
  type RoleChangeResult,
  type RoleSource,
} from "./admin-users";
export { listGroupMappings, createGroupMapping, deleteGroupMapping, GROUP_NAME_MAX, type GroupMappingDto } from "./admin-mappings";
export {
  listAuditEvents,
  exportAuditCsv,
  verifyAuditChain,
  AUDIT_PAGE_SIZE,
  AUDIT_CSV_COLUMNS,
  type AuditEventDto,
  type AuditFilter,
  type AuditVerificationDto,
} from "./admin-audit";
