import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReviewQueuePage } from "@/components/review/queue-page";
import { AwaitingSchedule } from "./_components/awaiting-schedule";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("manager.review");
  return { title: t("queueTitle") };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ decided?: string | string[] }> }) {
  const { decided } = await searchParams;
  return (
    <>
      <ReviewQueuePage stage="final" decided={decided} />
      <AwaitingSchedule />
    </>
  );
}
