import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { auth } from "./config";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";

/**
 * The signed-in person for this request, read from the database session and the users table
 * (once per request). Null when signed out, when the session was deleted, or when deactivated.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const requestId = (await headers()).get("x-request-id") ?? crypto.randomUUID();
  return loadViewer(userId, requestId);
});
