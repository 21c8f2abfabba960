import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getInboxFacets, getInboxThread, type InboxListItem } from "@/lib/dal/inbox";
import { safeHttpUrl } from "@/lib/domain/inbox-shortcuts";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { ChannelLabel, InboxStatusBadge, PriorityBadge, RiskBadge, SentimentBadge } from "@/components/ui/domain-badges";
import { SlaBadge } from "@/components/ui/time";
import { Badge } from "@/components/ui/badge";
import { InertText } from "../../_components/inbox-ui";
import { ThreadActions } from "./_components/thread-actions";
import { ReplySlot } from "./_components/reply-slot";
import { TakedownLink } from "@/components/legal/takedown-link";
import { PlaceHoldForm } from "@/components/legal/place-hold-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("community");
  return { title: t("title") };
}

type Params = { id: string };

/** One inbox item: the stranger's words (inert text), the conversation, the author's earlier items, history, and the reply slot. */
export default async function InboxItemPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePageViewer("inbox.read");
  const { id } = await params;
  const sp = await searchParams;
  const [thread, facets] = await pageData(Promise.all([getInboxThread(viewer, id), getInboxFacets(viewer)]));
  const t = await getTranslations("community");
  const tc = await getTranslations("common");
  const tl = await getTranslations("legalHolds.panel");
  const format = await getFormatter();
  const tz = viewer.timeZone;
  const { item } = thread;
  const when = (d: Date) => format.dateTime(d, { timeZone: tz, dateStyle: "medium", timeStyle: "short" });
  const kind = tc(`inboxKinds.${item.kind}`);
  const permalink = safeHttpUrl(item.permalink);
  const authorUrl = safeHttpUrl(item.authorUrl);
  const ugc = "noopener noreferrer nofollow ugc";

  const mini = (i: InboxListItem, highlight = false) => (
    <li key={i.id} className={highlight ? "rounded-md bg-brand-50 p-2 ring-1 ring-brand-200" : "p-2"} data-testid={highlight ? "conversation-current" : "conversation-item"}>
      <div className="mb-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        <span className="font-medium text-slate-700">{i.authorName ?? i.authorHandle ?? t("list.anonymous")}</span>
        <time dateTime={i.receivedAt.toISOString()}>{when(i.receivedAt)}</time>
        {highlight && <Badge tone="brand">{t("thread.thisItem")}</Badge>}
      </div>
      {i.excerpt === null ? (
        <p className="text-sm italic text-slate-500">{t("list.dmHidden")}</p>
      ) : highlight ? (
        <p className="text-sm text-slate-900">
          <InertText text={i.excerpt} lang={i.language} />
        </p>
      ) : (
        <Link href={`/community/items/${i.id}`} className="block text-sm text-slate-900 hover:underline">
          <span lang={i.language ?? undefined} className="whitespace-pre-wrap break-words">
            {i.excerpt}
          </span>
        </Link>
      )}
    </li>
  );

  return (
    <div data-testid="inbox-thread">
      <p className="mb-3 text-sm">
        <Link href="/community" className="text-brand-700 hover:underline">
          ← {t("thread.back")}
        </Link>
      </p>
      <header className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {item.authorName ? t("thread.title", { name: item.authorName, kind }) : t("thread.titleAnonymous", { kind })}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <ChannelLabel platform={item.platform} name={item.channelName} />
            {item.authorHandle && <span>{item.authorHandle}</span>}
            <time dateTime={item.receivedAt.toISOString()}>{when(item.receivedAt)}</time>
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <SlaBadge dueAt={item.firstResponseAt ? null : item.slaDueAt} now={thread.generatedAt} timeZone={tz} />
          <InboxStatusBadge status={item.status} />
        </div>
      </header>

      {item.hiddenAt && <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("thread.hiddenNotice")}</p>}
      {item.status === "closed" && <p className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("thread.closedNotice")}</p>}

      <div className="grid gap-4 xl:grid-cols-3">
        <div className="space-y-4 xl:col-span-2">
          <section aria-labelledby="item-text-h" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="item-text-h" className="sr-only">
              {kind}
            </h2>
            {item.text === null ? (
              <p className="italic text-slate-500" data-testid="thread-text-hidden">
                {t("list.dmHidden")}
              </p>
            ) : (
              <p className="whitespace-pre-wrap break-words text-base leading-relaxed text-slate-900" data-testid="thread-text">
                <InertText text={item.text} lang={item.language} />
              </p>
            )}
            <div className="mt-4 flex flex-wrap items-center gap-1.5">
              <SentimentBadge sentiment={item.sentiment} />
              <RiskBadge score={item.riskScore} />
              <PriorityBadge priority={item.priority} />
            </div>
            <div className="mt-3">
              <h3 className="text-xs font-medium text-slate-600">{t("thread.riskReasons")}</h3>
              {item.riskReasons.length ? (
                <ul className="mt-1 flex flex-wrap gap-1.5 text-xs" data-testid="thread-risk-reasons">
                  {item.riskReasons.map((r, i) => (
                    <li key={i} className="rounded bg-red-50 px-1.5 py-0.5 text-red-800">
                      {r.term ?? r.code}
                      {r.category ? ` · ${r.category}` : ""} (+{r.weight})
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-xs text-slate-500">{t("thread.noRiskReasons")}</p>
              )}
            </div>
            {(permalink || authorUrl) && (
              <p className="mt-3 flex flex-wrap gap-3 text-sm">
                {permalink && (
                  <a href={permalink} target="_blank" rel={ugc} className="text-brand-700 underline">
                    {t("thread.openOnPlatform")}
                  </a>
                )}
                {authorUrl && (
                  <a href={authorUrl} target="_blank" rel={ugc} className="text-brand-700 underline">
                    {t("thread.authorProfile")}
                  </a>
                )}
              </p>
            )}
          </section>

          <Panel id="conversation" title={t("thread.conversation")} description={t("thread.conversationHint")}>
            <ol className="space-y-1" data-testid="conversation">
              {thread.conversation.map((i) => mini(i, i.id === item.id))}
            </ol>
          </Panel>

          <section id="reply" tabIndex={-1} aria-labelledby="reply-h" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
            <h2 id="reply-h" className="mb-3 text-base font-semibold text-slate-900">
              {t("thread.reply")}
            </h2>
            <ReplySlot itemId={item.id} version={item.version} />
          </section>

          <Panel id="history" title={t("thread.history")}>
            {thread.history.length === 0 ? (
              <EmptyState>{t("thread.historyEmpty")}</EmptyState>
            ) : (
              <ol className="space-y-2 text-sm" data-testid="history">
                {thread.history.map((h, i) => {
                  const key = h.action.replaceAll(".", "_");
                  const label = h.kind === "audit" && t.has(`thread.historyActions.${key}`) ? t(`thread.historyActions.${key}` as "thread.historyActions.inbox_assigned") : h.kind === "escalation" && t.has(`actions.targets.${h.action}`) ? t(`actions.targets.${h.action}` as "actions.targets.pr") : t("thread.historyActions.other", { action: h.action });
                  return (
                    <li key={i} className="flex flex-wrap items-baseline gap-2">
                      <time dateTime={h.at.toISOString()} className="w-40 shrink-0 text-xs tabular-nums text-slate-500">
                        {when(h.at)}
                      </time>
                      <Badge tone="muted">{t(`thread.historyKinds.${h.kind}`)}</Badge>
                      <span className="font-medium text-slate-800">{label}</span>
                      <span className="text-slate-600">{h.actorName ?? t("thread.system")}</span>
                      {h.detail && <span className="w-full whitespace-pre-wrap break-words text-slate-700">{h.detail}</span>}
                    </li>
                  );
                })}
              </ol>
            )}
          </Panel>
        </div>

        <div className="space-y-4">
          <Panel id="details" title={t("thread.details")}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-500">{t("thread.assignee")}</dt>
              <dd data-testid="thread-assignee-name">{item.assigneeName ?? t("list.unassigned")}</dd>
              <dt className="text-slate-500">{t("thread.language")}</dt>
              <dd>{item.language ?? t("filters.languageUnknown")}</dd>
              <dt className="text-slate-500">{t("thread.received")}</dt>
              <dd>{when(item.receivedAt)}</dd>
              {item.slaDueAt && (
                <>
                  <dt className="text-slate-500">{t("thread.sla")}</dt>
                  <dd>{when(item.slaDueAt)}</dd>
                </>
              )}
            </dl>
            <div className="mt-4 border-t border-slate-100 pt-4">
              <ThreadActions
                item={{ id: item.id, status: item.status, assigneeId: item.assigneeId, version: item.version, tags: item.tags }}
                viewerId={viewer.id}
                teammates={facets.teammates}
                can={{ assign: can(viewer, "inbox.assign"), escalate: can(viewer, "inbox.escalate") }}
                compose={sp.compose === "1"}
              />
            </div>
          </Panel>

          <Panel id="legal" title={tl("title")}>
            <div className="space-y-3">
              {can(viewer, "takedown.create") && <TakedownLink inboxItemId={item.id} />}
              {can(viewer, "legal_hold.manage") && (
                <div>
                  <p className="mb-2 text-sm font-medium text-slate-700">{tl("placeThreadHold")}</p>
                  <PlaceHoldForm subject={{ kind: "inbox_thread", threadKey: item.threadKey }} compact />
                </div>
              )}
            </div>
          </Panel>

          <Panel id="author-earlier" title={t("thread.authorEarlier")}>
            {thread.authorEarlier.length === 0 ? (
              <EmptyState>{t("thread.authorEarlierEmpty")}</EmptyState>
            ) : (
              <ul className="space-y-1" data-testid="author-earlier">
                {thread.authorEarlier.map((i) => mini(i))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
