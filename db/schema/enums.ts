import { pgEnum } from "drizzle-orm/pg-core";

import { ROLES } from "../../lib/auth/roles";

export { ROLES };
export const roleEnum = pgEnum("role", ROLES);

export const PLATFORMS = ["x", "instagram", "facebook", "line", "tiktok", "youtube"] as const;
export const platformEnum = pgEnum("platform", PLATFORMS);

export const connectorKindEnum = pgEnum("connector_kind", ["sandbox", "meta"]);
