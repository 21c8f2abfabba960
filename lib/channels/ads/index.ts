import { metaAdsConnector } from "./meta";
import { sandboxAdsConnector } from "./sandbox";
import type { AdsConnector } from "./types";

export * from "./types";

/** The ads connector for a channel's connector kind. */
export function adsConnectorFor(kind: "sandbox" | "meta"): AdsConnector {
  return kind === "meta" ? metaAdsConnector : sandboxAdsConnector;
}
