import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPost } from "@/lib/dal/posts";
import { getPostHistory } from "@/lib/dal/corrections";
import { APPROVAL_STAGES, canFire, isFastLaneKind, type ApprovalStage } from "@/lib/domain/workflow";
import type { Permission } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PostStateBadge, TargetStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { CorrectionHistoryPanel } from "@/components/corrections/history-panel";
import { CorrectionEditor } from "../_components/correction-editor";
import { PublishAsapButton } from "../_components/publish-asap-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("corrections");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";
/** Where each stage is decided (the reviewer's own queue page). */
const STAGE_PAGES: Record<ApprovalStage, { href: (id: string) => string; permission: Permission }> = {
  pr: { href: (id) => `/pr/reviews/${id}`, permission: "post.review_pr" },
  legal: { href: (id) => `/legal/reviews/${id}`, permission: "post.review_legal" },
  final: { href: (id) => `/manager/approvals/${id}`, permission: "post.approve_final" },
};
const EDITABLE = ["draft", "changes_requested", "in_review"] as const;

/** One correction, apology, retraction or statement: text, the three parallel approvals, what it corrects, and (for its author) edit and submit. */
export default async function CorrectionPage({ params, searchParams }: { params: Promise<{ postId: string }>; searchParams: Promise<{ submitted?: string; notSubmitted?: string }> }) {
  const viewer = await requirePageViewer("post.read");
  const { postId } = await params;
  const sp = await searchParams;
  const [post, history] = await Promise.all([pageData(getPost(viewer, postId)), pageData(getPostHistory(viewer, postId))]);
  const t = await getTranslations("corrections");
  const te = await getTranslations("corrections.errors");
  const { tc, when } = await pageFormat(viewer, new Date());
  const rev = post.currentRevision;
  const isAuthor = post.authorId === viewer.id && (viewer.permissions.has("correction.create") || viewer.permissions.has("statement.manage"));
  const canEdit = isAuthor && !!rev && (EDITABLE as readonly string[]).includes(post.state);
  const canSubmit = isAuthor && !!rev && canFire(post.state, "submit");
  const fast = isFastLaneKind(post.kind);
  const targetOf = new Map(post.targets.map((x) => [x.channelId, x]));
  const decisionOf = new Map(post.approvals.map((a) => [a.stage, a]));
  const notSubmitted = typeof sp.notSubmitted === "string" ? sp.notSubmitted : null;

  return (
    <div data-testid="correction-page" data-post-id={post.id} data-state={post.state}>
      <p className="mb-2 text-sm">
        <Link href="/corrections" className={link}>
          ← {t("detail.back")}
        </Link>
      </p>
      <PageHeader
        title={post.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-1.5">
            {post.brandName} · {post.authorName ?? "—"}
            <span data-testid="correction-state">
              <PostStateBadge state={post.state} />
            </span>
            <Badge tone="info">{tc(`postKinds.${post.kind}`)}</Badge>
            {fast && (
              <Badge tone="danger" title={tc("fastLaneHint")}>
                {tc("fastLane")}
              </Badge>
            )}
          </span>
        }
        meta={post.scheduledAt ? t("detail.slot", { time: when(post.scheduledAt) }) : t("detail.noSlot")}
      />
      {sp.submitted === "1" && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="correction-submitted">
          {t("detail.submitted")}
        </p>
      )}
      {notSubmitted !== null && post.state === "draft" && (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="correction-not-submitted">
          {te.has(notSubmitted) ? te(notSubmitted) : te("generic")}
        </p>
      )}
      {history.correctionOf && (
        <p className="mb-4 text-sm text-slate-700" data-testid="correction-corrects">
          {t("detail.corrects", { title: history.correctionOf.originalTitle })}{" "}
          <Link href={`/corrections/original/${history.correctionOf.originalPostId}`} className={link} data-testid="correction-original-link">
            {t("detail.viewOriginal")}
          </Link>
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel id="correction-text" title={canEdit ? t("detail.editTitle") : t("detail.textTitle")} description={canEdit ? t("detail.editHint") : undefined}>
            {rev && (canEdit || canSubmit) ? (
              <CorrectionEditor
                postId={post.id}
                revisionId={rev.id}
                canEdit={canEdit}
                canSubmit={canSubmit}
                variants={rev.content.variants.map((v) => ({
                  channelId: v.channelId,
                  platform: v.platform,
                  label: `${tc(`platforms.${v.platform}`)} · ${targetOf.get(v.channelId)?.channelName ?? ""}`,
                  text: v.text,
                }))}
              />
            ) : (
              <ItemList>
                {(rev?.content.variants ?? []).map((v) => (
                  <Item key={v.channelId}>
                    <p className="text-xs font-medium text-slate-600">
                      {tc(`platforms.${v.platform}`)} · {targetOf.get(v.channelId)?.channelName}
                    </p>
                    <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-900" data-testid="correction-text-view">
                      {v.text}
                    </p>
                  </Item>
                ))}
              </ItemList>
            )}
          </Panel>

          {history.publications.some((p) => p.publishedAt || p.targetState !== "pending") && (
            <Panel id="correction-publications" title={t("detail.publicationsTitle")}>
              <DataTable minWidth="min-w-[32rem]" columns={[t("original.colChannel"), t("original.colState"), t("original.colPublished")]}>
                {history.publications.map((p) => (
                  <tr key={p.channelId}>
                    <th scope="row" className="px-4 py-2 text-left font-normal">
                      {tc(`platforms.${p.platform}`)} · {p.channelName}
                    </th>
                    <td className="px-4 py-2">
                      <TargetStateBadge state={p.targetState} />
                    </td>
                    <td className="px-4 py-2 tabular-nums text-slate-700">{p.publishedAt ? when(p.publishedAt) : "—"}</td>
                  </tr>
                ))}
              </DataTable>
            </Panel>
          )}
        </div>

        <div className="space-y-4">
          <Panel id="correction-approvals" title={t("detail.approvalsTitle")} description={t("detail.approvalsHint")}>
            <ul className="space-y-2" aria-label={t("detail.approvalsTitle")}>
              {APPROVAL_STAGES.map((stage) => {
                const d = decisionOf.get(stage);
                const page = STAGE_PAGES[stage];
                const open = post.state === "in_review" && !d && viewer.permissions.has(page.permission);
                return (
                  <li key={stage} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2" data-testid={`correction-stage-${stage}`} data-decision={d?.decision ?? "pending"}>
                    <span className="text-sm font-medium text-slate-800">{tc(`reviewStages.${stage}`)}</span>
                    <span className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                      {d ? (
                        <>
                          <Badge tone={d.decision === "approved" ? "success" : d.decision === "rejected" ? "danger" : "warning"}>{t(`detail.decisions.${d.decision}`)}</Badge>
                          {t("detail.reviewedBy", { name: d.reviewerName ?? "—", time: when(d.createdAt) })}
                        </>
                      ) : (
                        <Badge tone="muted">{t("detail.pending")}</Badge>
                      )}
                      {open && (
                        <Link href={page.href(post.id)} className={link} data-testid={`correction-review-${stage}`}>
                          {t("detail.reviewHere")}
                        </Link>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </Panel>

          {(post.state === "approved" || post.state === "scheduled") && (
            <Panel id="correction-schedule" title={t("detail.scheduleTitle")} description={t("detail.scheduleHint")}>
              <p className="text-sm text-slate-700">{post.scheduledAt ? t("detail.slot", { time: when(post.scheduledAt) }) : t("detail.noSlot")}</p>
              {viewer.permissions.has("post.schedule") && (
                <div className="mt-3 space-y-2">
                  {post.state === "approved" && <PublishAsapButton postId={post.id} title={post.title} />}
                  <p className="text-xs text-slate-600">
                    {t("detail.orSchedule")}{" "}
                    <Link href={`/manager/approvals/${post.id}#schedule`} className={link} data-testid="correction-schedule-link">
                      {t("detail.scheduleLink")}
                    </Link>
                  </p>
                </div>
              )}
            </Panel>
          )}

          <CorrectionHistoryPanel history={history} viewer={viewer} />
        </div>
      </div>
    </div>
  );
}
