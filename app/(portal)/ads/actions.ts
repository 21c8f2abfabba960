"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/define-action";
import { addAd, addAdSet, createCampaign, endCampaign, launchCampaign, pauseCampaign, requestBudgetApproval, resumeCampaign, setAdStatus, updateCampaign, updateCreative } from "@/lib/dal/ads";
import { createRule, toggleRule } from "@/lib/dal/ads-read";
import { simulateNextDay } from "@/lib/dal/ads-delivery";
import { addAdSchema, adSetSchema, campaignIdSchema, createCampaignSchema, requestBudgetSchema, ruleSchema, toggleRuleSchema, updateCampaignSchema, updateCreativeSchema } from "@/lib/dal/ads-shared";

/* The ads workspace's entry points (ad ops). Each declares its permission; the DAL checks again. */

const refresh = (campaignId?: string) => {
  revalidatePath("/ads", "layout");
  if (campaignId) revalidatePath(`/ads/campaigns/${campaignId}`);
};

export const createCampaignAction = defineAction({
  permission: "ad_campaign.manage",
  schema: createCampaignSchema,
  handler: async (viewer, input) => {
    const r = await createCampaign(viewer!, input);
    refresh();
    return r;
  },
});

export const updateCampaignAction = defineAction({
  permission: "ad_campaign.manage",
  schema: updateCampaignSchema,
  handler: async (viewer, input) => {
    const r = await updateCampaign(viewer!, input);
    refresh(r.id);
    return r;
  },
});

export const addAdSetAction = defineAction({
  permission: "ad_campaign.manage",
  schema: adSetSchema,
  handler: async (viewer, input) => {
    const r = await addAdSet(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const addAdAction = defineAction({
  permission: "ad_campaign.manage",
  schema: addAdSchema,
  handler: async (viewer, input) => {
    const r = await addAd(viewer!, input);
    refresh();
    return r;
  },
});

export const updateCreativeAction = defineAction({
  permission: "ad_campaign.manage",
  schema: updateCreativeSchema,
  handler: async (viewer, input) => {
    const r = await updateCreative(viewer!, input);
    refresh();
    return r;
  },
});

export const requestBudgetApprovalAction = defineAction({
  permission: "ad_campaign.manage",
  schema: requestBudgetSchema,
  handler: async (viewer, input) => {
    const r = await requestBudgetApproval(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const launchCampaignAction = defineAction({
  permission: "ad_campaign.launch",
  schema: campaignIdSchema,
  handler: async (viewer, input) => {
    const r = await launchCampaign(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const pauseCampaignAction = defineAction({
  permission: "ad_campaign.launch",
  schema: campaignIdSchema,
  handler: async (viewer, input) => {
    const r = await pauseCampaign(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const resumeCampaignAction = defineAction({
  permission: "ad_campaign.launch",
  schema: campaignIdSchema,
  handler: async (viewer, input) => {
    const r = await resumeCampaign(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const endCampaignAction = defineAction({
  permission: "ad_campaign.launch",
  schema: campaignIdSchema,
  handler: async (viewer, input) => {
    const r = await endCampaign(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const setAdStatusAction = defineAction({
  permission: "ad_campaign.launch",
  schema: z.strictObject({ adId: z.uuid(), to: z.enum(["paused", "active"]) }),
  handler: async (viewer, input) => {
    const r = await setAdStatus(viewer!, input);
    refresh();
    return r;
  },
});

/** Sandbox only: deliver the campaign's next day now (the demo's and the tests' clock). */
export const simulateDayAction = defineAction({
  permission: "ad_campaign.launch",
  schema: campaignIdSchema,
  handler: async (viewer, input) => {
    const r = await simulateNextDay(viewer!, input);
    refresh(input.campaignId);
    return r;
  },
});

export const createRuleAction = defineAction({
  permission: "ad_campaign.manage",
  schema: ruleSchema,
  handler: async (viewer, input) => {
    const r = await createRule(viewer!, input);
    refresh();
    return r;
  },
});

export const toggleRuleAction = defineAction({
  permission: "ad_campaign.manage",
  schema: toggleRuleSchema,
  handler: async (viewer, input) => {
    const r = await toggleRule(viewer!, input);
    refresh();
    return r;
  },
});
