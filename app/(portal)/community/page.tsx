import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getInboxFacets, getInboxSummary, listInbox } from "@/lib/dal/inbox";
import { toInboxJson } from "@/lib/dal/inbox-json";
import { parseFilterLenient } from "@/lib/domain/inbox-query";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Badge } from "@/components/ui/badge";
import { pageFormat } from "@/components/ui/page-format";
import { InboxView } from "./_components/inbox-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("community");
  return { title: t("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The community manager's inbox: a strip of headline counts (each a link to its filtered view), then the list. */
export default async function CommunityPage({ searchParams }: { searchParams?: Promise<SearchParams> } = {}) {
  const viewer = await requirePageViewer("inbox.read");
  const filter = parseFilterLenient((await searchParams) ?? {});
  const [page, summary, facets] = await pageData(Promise.all([listInbox(viewer, filter), getInboxSummary(viewer), getInboxFacets(viewer)]));
  const t = await getTranslations("community");
  const { num, updatedAt } = await pageFormat(viewer, page.generatedAt);
  const n = (x: number) => (x >= 1000 ? t("stats.capped", { count: num(1000) }) : num(x));
  const stat = (href: string, label: string, value: number, tone: Parameters<typeof StatCard>[0]["tone"], status?: React.ReactNode) => (
    <Link href={href} className="block rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600" data-testid={`stat-${href}`}>
      <StatCard label={label} value={n(value)} tone={tone} status={status} />
    </Link>
  );

  return (
    <div data-testid="community-inbox">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <StatGrid label={t("stats.label")}>
        {stat("/community?sla=breached", t("stats.breached"), summary.breached, summary.breached ? "danger" : "success", summary.breached ? <Badge tone="danger">{t("filters.slaStates.breached")}</Badge> : undefined)}
        {stat("/community?sla=warning", t("stats.warning"), summary.warning, summary.warning ? "warning" : "success")}
        {stat("/community?assignee=me", t("stats.mine"), summary.mine, "brand")}
        {stat("/community?assignee=unassigned", t("stats.unassigned"), summary.unassigned, summary.unassigned ? "info" : "neutral")}
        {stat("/community?status=open", t("stats.open"), summary.open, "info")}
        {stat("/community?status=escalated", t("stats.escalated"), summary.escalated, summary.escalated ? "warning" : "neutral")}
      </StatGrid>
      <InboxView
        // A new filter starts the list over from its first page. Not keyed by render time: a Server
        // Action's revalidation re-renders the page, and the list (position, selection) must survive it.
        key={JSON.stringify(filter)}
        initial={{ items: page.items.map(toInboxJson), nextCursor: page.nextCursor, generatedAt: page.generatedAt.toISOString() }}
        filter={filter}
        facets={facets}
        viewerId={viewer.id}
        can={{ assign: can(viewer, "inbox.assign"), escalate: can(viewer, "inbox.escalate"), moderate: can(viewer, "inbox.moderate") }}
        pollMs={Number(process.env.INBOX_POLL_MS) > 0 ? Number(process.env.INBOX_POLL_MS) : undefined}
      />
    </div>
  );
}
