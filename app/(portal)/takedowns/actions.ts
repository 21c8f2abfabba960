"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { createTakedown } from "@/lib/dal/legal-queue";
import { TAKEDOWN_KIND_VALUES } from "@/lib/domain/legal-review";

const schema = z.strictObject({
  complainant: z.string().max(200),
  contact: z.string().max(300).optional(),
  url: z.string().max(1_000).optional(),
  kind: z.enum(TAKEDOWN_KIND_VALUES),
  description: z.string().max(5_000),
  inboxItemId: z.string().max(60).optional(),
});

/** File a takedown / rights complaint for Legal (any staff member; from an inbox item with inbox.read). */
export const createTakedownAction = defineAction({
  permission: "takedown.create",
  schema,
  handler: async (viewer, input) => {
    const blank = (v?: string) => (v && v.trim() ? v.trim() : undefined);
    const r = await createTakedown(viewer!, {
      complainant: input.complainant,
      contact: blank(input.contact),
      url: blank(input.url),
      kind: input.kind,
      description: input.description,
      inboxItemId: blank(input.inboxItemId),
    });
    revalidatePath("/takedowns");
    revalidatePath("/legal", "layout");
    return r;
  },
});
