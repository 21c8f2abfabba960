/** The eight roles. Shared by the schema (a PostgreSQL enum) and the permission registry. */
export const ROLES = [
  "social_media_manager",
  "community_manager",
  "content_creator",
  "pr",
  "legal",
  "data_analyst",
  "ad_ops",
  "admin",
] as const;
