"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import { assignInboxItem, bulkInbox, BULK_MAX, ESCALATION_TARGETS, escalateInboxItem, setInboxItemStatus, tagInboxItem } from "@/lib/dal/inbox";

const id = z.string().uuid();
const version = z.number().int().min(1).max(1_000_000_000).optional();
const tags = z.array(z.string().min(1).max(40)).max(10).optional();
const userId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);

/** Assigns an item to a teammate who works the inbox, or to nobody (assigneeId null). */
export const assignInboxAction = defineAction({
  permission: "inbox.assign",
  schema: z.strictObject({ id, assigneeId: userId.nullable(), expectedVersion: version }),
  handler: async (viewer, input) => {
    const r = await assignInboxItem(viewer!, input);
    revalidatePath(`/community/items/${input.id}`);
    return r;
  },
});

/** Adds and / or removes tags on an item. */
export const tagInboxAction = defineAction({
  permission: "inbox.assign",
  schema: z.strictObject({ id, add: tags, remove: tags, expectedVersion: version }),
  handler: async (viewer, input) => {
    const r = await tagInboxItem(viewer!, input);
    revalidatePath(`/community/items/${input.id}`);
    return r;
  },
});

/** Closes an item or reopens a closed one. */
export const setInboxStatusAction = defineAction({
  permission: "inbox.assign",
  schema: z.strictObject({ id, status: z.enum(["closed", "open"]), expectedVersion: version }),
  handler: async (viewer, input) => {
    const r = await setInboxItemStatus(viewer!, input);
    revalidatePath(`/community/items/${input.id}`);
    return r;
  },
});

/** Escalates an item to PR, Legal or the manager with a reason (they are notified). */
export const escalateInboxAction = defineAction({
  permission: "inbox.escalate",
  schema: z.strictObject({ id, to: z.enum(ESCALATION_TARGETS), reason: z.string().trim().min(3).max(1000), expectedVersion: version }),
  handler: async (viewer, input) => {
    const r = await escalateInboxItem(viewer!, input);
    revalidatePath(`/community/items/${input.id}`);
    return r;
  },
});

/** One chunk (≤ 50 ids) of a bulk action; the result lists every id with ok or its error code. Hide also needs inbox.moderate (the DAL checks). */
export const bulkInboxAction = defineAction({
  permission: "inbox.assign",
  schema: z.strictObject({
    ids: z.array(id).min(1).max(BULK_MAX),
    op: z.discriminatedUnion("op", [
      z.strictObject({ op: z.literal("assign"), assigneeId: userId.nullable() }),
      z.strictObject({ op: z.literal("tag"), add: tags, remove: tags }),
      z.strictObject({ op: z.literal("close") }),
      z.strictObject({ op: z.literal("reopen") }),
      z.strictObject({ op: z.literal("hide"), reason: z.string().trim().min(1).max(1000) }),
    ]),
  }),
  handler: async (viewer, { ids, op }) => ({ results: await bulkInbox(viewer!, ids, op) }),
});
