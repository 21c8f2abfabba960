import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { campaignPlanOptions, getApprovalThreshold } from "@/lib/dal/ads-read";
import { tokyoDayOf, addDays } from "@/lib/domain/ads";
import { PageHeader } from "@/components/ui/page-header";
import { card } from "../../../admin/_components/ui";
import { CampaignForm } from "../../_components/campaign-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ads.form");
  return { title: t("newTitle") };
}

export default async function NewCampaignPage() {
  const viewer = await requirePageViewer("ad_campaign.manage");
  const [options, thresholdJpy] = await Promise.all([pageData(campaignPlanOptions(viewer)), pageData(getApprovalThreshold(viewer))]);
  const t = await getTranslations("ads.form");
  const brand = options.brands[0];
  const today = tokyoDayOf(new Date());
  return (
    <div>
      <PageHeader title={t("newTitle")} subtitle={t("newSubtitle")} />
      <div className={`${card} p-5`}>
        <CampaignForm
          options={options}
          thresholdJpy={thresholdJpy}
          initial={{
            name: "",
            brandId: brand?.id ?? "",
            channelId: options.channels.find((c) => c.brandId === brand?.id)?.id ?? "",
            objective: "traffic",
            budgetType: "daily",
            budgetJpy: "10000",
            startsOn: today,
            endsOn: addDays(today, 13),
            pacing: "even",
            ageMin: "18",
            ageMax: "65",
            genders: [],
            prefectures: [],
            interests: "",
            languages: ["ja"],
          }}
        />
      </div>
    </div>
  );
}
