import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** sha256 of the canonical JSON of a snapshot: the subject hash a legal decision binds to (server side; kept apart so client code can import legal-review.ts). */
export function snapshotHash(snapshot: unknown): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}
