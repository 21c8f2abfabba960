import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { getViewer } from "./current";
import type { Permission } from "./permissions";

/**
 * For pages: the viewer, or a redirect to sign-in, or the 403 page. Cosmetic convenience only:
 * the DAL functions the page then calls check the same permission again.
 */
export async function requirePageViewer(permission?: Permission): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  if (permission && !viewer.permissions.has(permission)) forbidden();
  return viewer;
}

/** Runs a DAL read for a page, turning FORBIDDEN/NOT_FOUND into the matching page. */
export async function pageData<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError) {
      if (e.code === "FORBIDDEN") forbidden();
      // A malformed id in the URL names nothing: 404, not an error page.
      if (e.code === "NOT_FOUND" || e.code === "VALIDATION") notFound();
      if (e.code === "UNAUTHENTICATED") redirect("/sign-in");
    }
    throw e;
  }
}
