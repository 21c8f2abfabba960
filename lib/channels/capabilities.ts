/**
 * What each connector can do to a published post of ours, as pure data the UI and the DAL share
 * (no IO, safe to import in client components). Kept next to the connectors so a connector that
 * learns a new trick changes both together; tests/unit/channel-capabilities.test.ts holds them to it.
 *
 * - sandbox: the simulated network can hide and delete anything.
 * - meta: a Facebook Page post can be hidden (is_hidden) or deleted (DELETE /<post id>); Instagram
 *   media cannot be hidden or deleted through the Instagram Graph API — a person must archive or
 *   delete it in the Instagram app (the connector answers `unsupported`). Comments are another
 *   matter: Instagram comments on our media can be hidden and deleted (DELETE /<ig-comment-id>),
 *   which is why the inbox's moderation is offered on Instagram.
 */
import type { ConnectorKind, Platform } from "./types";

/** Whether the connector can hide or delete a published post of ours on this platform. */
export function canRemovePublished(connector: ConnectorKind, platform: Platform): boolean {
  if (connector === "sandbox") return true;
  return platform === "facebook";
}
