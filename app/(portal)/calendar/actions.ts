"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/define-action";
import {
  movePlannedSlot,
  movePlannedSlotSchema,
  reschedule,
  rescheduleSchema,
  schedulePost,
  schedulePostSchema,
  unschedulePost,
  unschedulePostSchema,
} from "@/lib/dal/scheduling";
import { createBlackout, createBlackoutSchema, deleteBlackout, deleteBlackoutSchema, updateBlackout, updateBlackoutSchema } from "@/lib/dal/blackouts";

/*
 * Scheduling and blackout actions, shared by the calendar, the manager's final-approval page and
 * the studio's planned-slot field. Each wrapper's permission is the first gate; the DAL checks
 * again and decides per post (author or manager, state, blackout, slot in the past).
 */

/** Every page that shows slots or blackouts. */
function refreshSlots(postId?: string) {
  revalidatePath("/calendar");
  revalidatePath("/manager", "layout");
  if (postId) revalidatePath(`/studio/posts/${postId}`);
}

const slotDto = (r: { postId: string; state: string; slotAt: Date | null; previousSlotAt: Date | null }) => ({
  postId: r.postId,
  state: r.state,
  slotAt: r.slotAt?.toISOString() ?? null,
  previousSlotAt: r.previousSlotAt?.toISOString() ?? null,
});

/** Sets or moves the planned slot of a post not approved yet (its author, or the manager). */
export const movePlannedSlotAction = defineAction({
  permission: "post.plan_slot",
  schema: movePlannedSlotSchema,
  handler: async (viewer, input) => {
    const r = await movePlannedSlot(viewer!, input);
    refreshSlots(r.postId);
    return slotDto(r);
  },
});

/** Moves an approved or scheduled post to a new slot and re-arms it (the calendar's confirmed drag). */
export const rescheduleAction = defineAction({
  permission: "post.schedule",
  schema: rescheduleSchema,
  handler: async (viewer, input) => {
    const r = await reschedule(viewer!, input);
    refreshSlots(r.postId);
    return slotDto(r);
  },
});

/** Arms a fully approved post at the given slot (or its planned one). */
export const schedulePostAction = defineAction({
  permission: "post.schedule",
  schema: schedulePostSchema,
  handler: async (viewer, input) => {
    const r = await schedulePost(viewer!, input);
    refreshSlots(r.postId);
    return slotDto(r);
  },
});

/** Disarms a scheduled post (back to approved; the slot stays planned). */
export const unschedulePostAction = defineAction({
  permission: "post.schedule",
  schema: unschedulePostSchema,
  handler: async (viewer, input) => {
    const r = await unschedulePost(viewer!, input);
    refreshSlots(r.postId);
    return slotDto(r);
  },
});

export const createBlackoutAction = defineAction({
  permission: "blackout.manage",
  schema: createBlackoutSchema,
  handler: async (viewer, input) => {
    const r = await createBlackout(viewer!, input);
    refreshSlots();
    return { id: r.id, affectedPosts: r.affectedPosts };
  },
});

export const updateBlackoutAction = defineAction({
  permission: "blackout.manage",
  schema: updateBlackoutSchema,
  handler: async (viewer, input) => {
    const r = await updateBlackout(viewer!, input);
    refreshSlots();
    return { id: r.id, affectedPosts: r.affectedPosts };
  },
});

export const deleteBlackoutAction = defineAction({
  permission: "blackout.manage",
  schema: deleteBlackoutSchema,
  handler: async (viewer, input) => {
    const r = await deleteBlackout(viewer!, input);
    refreshSlots();
    return r;
  },
});
