import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { inboxItemForTakedown, listMyTakedowns } from "@/lib/dal/legal-queue";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";
import { createTakedownAction } from "./actions";
import { TakedownForm } from "./_components/takedown-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legalQueue.intake");
  return { title: t("title") };
}

const STATUS_TONE = { received: "warning", in_review: "info", accepted: "success", rejected: "muted" } as const;

export default async function TakedownsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer("takedown.create");
  const sp = await searchParams;
  const inboxItemId = typeof sp.inboxItemId === "string" ? sp.inboxItemId : undefined;
  const mine = await pageData(listMyTakedowns(viewer));
  // From an inbox item: shown above the form when the viewer may read it; otherwise the form is plain.
  const inbox = inboxItemId && viewer.permissions.has("inbox.read") ? await inboxItemForTakedown(viewer, inboxItemId).catch(() => null) : null;
  const t = await getTranslations("legalQueue");
  const { when, rel } = await pageFormat(viewer, new Date());

  return (
    <div data-testid="takedowns-page">
      <PageHeader title={t("intake.title")} subtitle={t("intake.subtitle")} />
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="space-y-4 xl:col-span-2">
          {inbox && (
            <Panel id="takedown-inbox" title={t("intake.fromInbox")}>
              <p className="text-xs text-slate-600">
                {inbox.authorName ?? ""} {inbox.authorHandle && `@${inbox.authorHandle}`} · <time dateTime={inbox.receivedAt.toISOString()}>{when(inbox.receivedAt)}</time>
              </p>
              <blockquote className="mt-1 whitespace-pre-wrap border-l-4 border-slate-300 px-3 py-2 text-sm text-slate-800" data-testid="takedown-inbox-text">
                {inbox.text}
              </blockquote>
            </Panel>
          )}
          <Panel id="takedown-form" title={t("intake.formTitle")}>
            <TakedownForm inboxItemId={inbox?.id} action={createTakedownAction} />
          </Panel>
        </div>
        <Panel id="takedown-mine" title={t("intake.mineTitle")} count={mine.length}>
          {mine.length === 0 ? (
            <EmptyState icon="·">{t("intake.mineEmpty")}</EmptyState>
          ) : (
            <ItemList>
              {mine.map((m) => (
                <Item key={m.id}>
                  <div className="flex flex-wrap items-center justify-between gap-2" data-testid="takedown-mine-row">
                    <span className="font-medium text-slate-900">{m.complainant}</span>
                    <Badge tone={STATUS_TONE[m.status]}>{t(`takedownStatuses.${m.status}`)}</Badge>
                  </div>
                  <p className="mt-0.5 line-clamp-2 text-sm text-slate-700">{m.description}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {t(`takedownKinds.${m.kind}`)} · <time dateTime={m.receivedAt.toISOString()}>{rel(m.receivedAt)}</time>
                    {m.reviewId && viewer.permissions.has("legal_review.read") && (
                      <>
                        {" · "}
                        <Link href={`/legal/queue/${m.reviewId}`} className="text-brand-700 underline-offset-2 hover:underline">
                          {t("intake.openReview")}
                        </Link>
                      </>
                    )}
                  </p>
                  {m.resolution && <p className="mt-0.5 whitespace-pre-wrap text-xs text-slate-700">{m.resolution}</p>}
                </Item>
              ))}
            </ItemList>
          )}
        </Panel>
      </div>
    </div>
  );
}
