/**
 * The messages the admin DAL puts on CONFLICT / VALIDATION errors. They reach API clients in
 * English as written; the admin UI maps each back to its key (messages admin.errors.<key>) so
 * the person sees it in their own language. Pure: safe to import from client components.
 */
export const ADMIN_ERRORS = {
  lastAdmin: "The last active admin cannot lose the admin role or be deactivated",
  selfDeactivate: "You cannot deactivate your own account",
  alreadyHeld: "This person already holds this role",
  roleNotHeld: "This person does not hold this role",
  alreadyDeactivated: "This person is already deactivated",
  alreadyActive: "This person is already active",
  duplicateMapping: "This group is already mapped to this role",
  invalidRole: "Unknown role",
  invalidGroupName: "Group name must be 1 to 200 characters without control characters",
  invalidText: "Text must not contain control characters",
  invalidTimeRange: "The start of the range must be before its end",
  invalidDate: "Enter a valid date and time",
} as const;

export type AdminErrorKey = keyof typeof ADMIN_ERRORS;

/** The key of a known admin message, or null. */
export function adminErrorKey(message: string | undefined | null): AdminErrorKey | null {
  if (!message) return null;
  for (const [k, v] of Object.entries(ADMIN_ERRORS)) if (v === message) return k as AdminErrorKey;
  return null;
}

/** True when the string has no C0/C1 control characters (tab allowed) and is well-formed Unicode. */
export function isCleanText(s: string): boolean {
  return !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s) && s.isWellFormed();
}
