import "server-only";
import { desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { brands, channels, crisisStates } from "@/db/schema";
import { authorize, type Viewer } from "./viewer";

export type ActiveCrisisDto = {
  id: string;
  scope: "all" | "brand" | "channel";
  brandName: string | null;
  channelHandle: string | null;
  reason: string;
  startedAt: Date;
};

/** crisis.read — every role sees the active crisis banner; rows are company-wide. */
export async function listActiveCrises(viewer: Viewer): Promise<ActiveCrisisDto[]> {
  authorize(viewer, "crisis.read");
  return db
    .select({
      id: crisisStates.id,
      scope: crisisStates.scope,
      brandName: brands.name,
      channelHandle: channels.handle,
      reason: crisisStates.reason,
      startedAt: crisisStates.startedAt,
    })
    .from(crisisStates)
    .leftJoin(brands, eq(brands.id, crisisStates.brandId))
    .leftJoin(channels, eq(channels.id, crisisStates.channelId))
    .where(isNull(crisisStates.endedAt))
    .orderBy(desc(crisisStates.startedAt));
}
