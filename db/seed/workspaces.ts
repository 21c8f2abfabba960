import type { Db } from "@/db";

/** Workspace content for the demo. Filled in by the workspace overviews work. */
export async function seedWorkspaces(_db: Db): Promise<void> {}
