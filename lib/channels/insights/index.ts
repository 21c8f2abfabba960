import { metaInsights } from "./meta";
import { sandboxInsights } from "./sandbox";
import type { InsightsConnector } from "./types";

export * from "./types";

const INSIGHTS: Record<"sandbox" | "meta", InsightsConnector> = { sandbox: sandboxInsights, meta: metaInsights };

/** The insights connector for a channel's connector kind. */
export function insightsFor(kind: "sandbox" | "meta"): InsightsConnector {
  return INSIGHTS[kind];
}
