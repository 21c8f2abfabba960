import { pgEnum } from "drizzle-orm/pg-core";

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
export const roleEnum = pgEnum("role", ROLES);

export const PLATFORMS = ["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const;
export const platformEnum = pgEnum("platform", PLATFORMS);

export const connectorKindEnum = pgEnum("connector_kind", ["sandbox", "meta"]);
