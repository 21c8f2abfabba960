import type { EntryPoint } from "./matrix";

/**
 * The ads workspace (issue 7). Planning and rules: ad_campaign.manage; delivery control (launch,
 * pause, resume, end, per-ad status, sandbox day): ad_campaign.launch — both ad ops only. Budget
 * decisions and the threshold: ad_budget.approve (the manager). The default sample `{}` fails
 * validation after authorization, so an allowed caller changes nothing.
 */
const A = "app/(portal)/ads/actions.ts";
const adOps = (name: string, permission: string): EntryPoint => ({ id: `action ${A}#${name}`, permission, outcomes: "FFFFFFAFFU" });

export const ADS_ENTRY_POINTS: EntryPoint[] = [
  adOps("createCampaignAction", "ad_campaign.manage"),
  adOps("updateCampaignAction", "ad_campaign.manage"),
  adOps("addAdSetAction", "ad_campaign.manage"),
  adOps("addAdAction", "ad_campaign.manage"),
  adOps("updateCreativeAction", "ad_campaign.manage"),
  adOps("requestBudgetApprovalAction", "ad_campaign.manage"),
  adOps("launchCampaignAction", "ad_campaign.launch"),
  adOps("pauseCampaignAction", "ad_campaign.launch"),
  adOps("resumeCampaignAction", "ad_campaign.launch"),
  adOps("endCampaignAction", "ad_campaign.launch"),
  adOps("setAdStatusAction", "ad_campaign.launch"),
  adOps("simulateDayAction", "ad_campaign.launch"),
  adOps("createRuleAction", "ad_campaign.manage"),
  adOps("toggleRuleAction", "ad_campaign.manage"),
  { id: "action app/(portal)/manager/ad-budgets/actions.ts#decideBudgetAction", permission: "ad_budget.approve", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/manager/ad-budgets/actions.ts#setThresholdAction", permission: "ad_budget.approve", outcomes: "AFFFFFFFFU" },
];
