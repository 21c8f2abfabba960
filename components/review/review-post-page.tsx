import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import type { ActionResult } from "@/lib/auth/define-action";
import { getPost, getRevisionDiff, listRevisions, type PostDto, type RevisionDiffDto } from "@/lib/dal/posts";
import { getAssetsByIds, type AssetDto } from "@/lib/dal/assets";
import type { CheckFinding } from "@/lib/domain/checks";
import { isFastLaneKind } from "@/lib/domain/workflow";
import { MediaList } from "@/components/media/media-list";
import { REVIEW_STAGE_PERMISSION, type ReviewStage } from "@/lib/dal/review-queue";
import type { Viewer } from "@/lib/dal/viewer";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge, RiskBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { PublicationsPanel } from "@/components/publishing/publications-panel";
import { RevisionComments } from "@/components/comments/revision-comments";
import { PostLegalPanel } from "@/components/legal/post-legal-panel";
import { DecisionForm } from "./decision-form";
import { REVIEW_ROUTES } from "./stages";

type Notice = "self_approval" | "same_reviewer" | "already_decided" | "stage_not_required" | "stage_order";

/** The state a post is in while it awaits each stage (lib/domain/workflow.ts). */
const AWAITS = {
  pr: { state: "in_review", onlyIfLegalRequired: false },
  legal: { state: "in_review", onlyIfLegalRequired: true },
  final: { state: "final_review", onlyIfLegalRequired: false },
} as const satisfies Record<ReviewStage, { state: PostDto["state"]; onlyIfLegalRequired: boolean }>;

/** Why this viewer cannot decide this stage now (the same rules the DAL enforces), or null. */
function noticeFor(viewer: Viewer, stage: ReviewStage, post: PostDto): Notice | null {
  const rev = post.currentRevision;
  if (!rev) return "stage_order";
  if (rev.createdById === viewer.id) return "self_approval";
  if (post.approvals.some((a) => a.stage === stage)) return "already_decided";
  if (post.approvals.some((a) => a.reviewerId === viewer.id)) return "same_reviewer";
  if (AWAITS[stage].onlyIfLegalRequired && !post.requiresLegal) return "stage_not_required";
  // The fast lane opens the final stage in in_review, in parallel with PR and Legal.
  if (stage === "final" && isFastLaneKind(post.kind) && post.state === "in_review") return null;
  if (post.state !== AWAITS[stage].state) return "stage_order";
  return null;
}

const DIFF_TONE = { add: "bg-emerald-50 text-emerald-900", del: "bg-red-50 text-red-900 line-through", equal: "text-slate-700" } as const;
const DIFF_MARK = { add: "+", del: "−", equal: " " } as const;

/** One post as a reviewer of `stage` sees it: the exact current revision, checks, decisions, diff, and the decision form. */
export async function ReviewPostPage(props: {
  stage: ReviewStage;
  postId: string;
  action: (input: FormData) => Promise<ActionResult<unknown>>;
  /** More panels under the decision (the manager's schedule panel). */
  aside?: ReactNode;
  /** Replaces the decision form (Legal's structured review: checklist, findings, conditions, decision). */
  decisionPanel?: ReactNode;
  /** Diff against this revision instead of the previous one (Legal: the revision Legal last saw). */
  diffFromRevisionId?: string | null;
  /** Where "back" leads (default: the stage's queue). */
  backHref?: string;
}) {
  const { stage } = props;
  const viewer = await requirePageViewer(REVIEW_STAGE_PERMISSION[stage]);
  const [post, revisions] = await pageData(Promise.all([getPost(viewer, props.postId), listRevisions(viewer, props.postId)]));
  const rev = post.currentRevision;
  const idx = revisions.findIndex((r) => r.isCurrent);
  const previous = props.diffFromRevisionId ? revisions.find((r) => r.id === props.diffFromRevisionId && !r.isCurrent) : idx >= 0 ? revisions[idx + 1] : undefined;
  const diff: RevisionDiffDto | null =
    rev && previous ? await pageData(getRevisionDiff(viewer, { postId: post.id, fromRevisionId: previous.id, toRevisionId: rev.id })) : null;

  // The media of the exact revision, with their rights (archived assets too: the revision uses them).
  const mediaIds = [...new Set(rev?.content.variants.flatMap((v) => v.mediaAssetIds) ?? [])];
  const mediaAssets = viewer.permissions.has("asset.read") && mediaIds.length ? await getAssetsByIds(viewer, mediaIds) : [];
  const assetById = new Map<string, AssetDto>(mediaAssets.map((a) => [a.id, a]));
  const ta = await getTranslations("assets");

  const { ns, base } = REVIEW_ROUTES[stage];
  const t = await getTranslations(`${ns}.review`);
  const { tc, when, now } = await pageFormat(viewer, new Date());
  const nowMs = now.getTime();
  const notice = noticeFor(viewer, stage, post);
  const targetOf = new Map(post.targets.map((x) => [x.channelId, x]));
  const findingText = (f: CheckFinding) => {
    if (f.source === "media") {
      const p: Record<string, string | number | Date> = Object.fromEntries(Object.entries(f.params).map(([k, v]) => [k, v ?? ""]));
      if (typeof f.params.expiresAt === "string") p.expiresAt = new Date(f.params.expiresAt);
      return ta(`findings.${f.code}`, p);
    }
    return t.has(`findings.${f.code}`) ? t(`findings.${f.code}`) : t("findings.other", { code: f.code });
  };

  return (
    <div data-testid="review-post" data-post-id={post.id} data-stage={stage}>
      <p className="mb-2 text-sm">
        <Link href={props.backHref ?? base} className="text-brand-700 underline-offset-2 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader
        title={post.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-1.5">
            {post.brandName} · {post.authorName ?? "—"} <PostStateBadge state={post.state} /> <RiskBadge score={post.riskScore} />
            {post.requiresLegal && <Badge tone="warning">{t("legalRequired")}</Badge>}
            {post.isCommercial && <Badge tone="info">{t("commercial")}</Badge>}
            {isFastLaneKind(post.kind) && (
              <>
                <Badge tone="info">{tc(`postKinds.${post.kind}`)}</Badge>
                <Badge tone="danger" title={tc("fastLaneHint")}>
                  {tc("fastLane")}
                </Badge>
                <Link href={`/corrections/${post.id}`} className="text-xs text-brand-700 underline-offset-2 hover:underline" data-testid="review-fast-lane-link">
                  {tc("fastLaneDetails")}
                </Link>
              </>
            )}
          </span>
        }
        meta={
          rev ? (
            <span data-testid="review-revision" data-revision-id={rev.id}>
              {t("revision", { number: rev.number })} · <code className="font-mono">{t("hash", { hash: rev.contentHash.slice(0, 12) })}</code>
            </span>
          ) : undefined
        }
      />

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel
            id="review-variants"
            title={t("variantsTitle")}
            description={rev ? t("revisionBy", { name: rev.createdByName ?? "—", time: when(rev.createdAt) }) : undefined}
          >
            <ItemList>
              {(rev?.content.variants ?? []).map((v, i) => {
                const target = targetOf.get(v.channelId);
                const checks = post.checks?.variants[i];
                return (
                  <Item key={v.channelId}>
                    <p className="text-xs font-medium text-slate-600">
                      {tc(`platforms.${v.platform}`)}
                      {target && <> · {target.channelName}</>}
                    </p>
                    <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-900" data-testid="review-variant-text">
                      {v.text || <span className="italic text-slate-500">{t("emptyText")}</span>}
                    </p>
                    <div className="mt-2" data-testid="review-variant-media" data-platform={v.platform}>
                      <MediaList
                        network={tc(`platforms.${v.platform}`)}
                        now={nowMs}
                        items={v.mediaAssetIds.map((id) => assetById.get(id) ?? { id, missing: true as const })}
                      />
                    </div>
                    {checks && checks.findings.length > 0 && (
                      <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label={t("checksTitle")}>
                        {checks.findings.map((f, j) => (
                          <li key={j}>
                            <Badge tone={f.severity === "blocking" ? "danger" : f.severity === "warning" ? "warning" : "muted"}>
                              {t(`severities.${f.severity}`)}: {findingText(f)}
                            </Badge>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Item>
                );
              })}
            </ItemList>
          </Panel>

          <Panel id="review-diff" title={t("diffTitle")} description={diff ? t("diffRange", { from: diff.from.number, to: diff.to.number }) : undefined}>
            {!diff ? (
              <EmptyState icon="·">{t("diffFirst")}</EmptyState>
            ) : (
              <div className="space-y-3">
                {diff.isCommercialChanged && <Badge tone="warning">{t("diffCommercial")}</Badge>}
                {diff.variants.map((v) => (
                  <div key={v.channelId}>
                    <p className="mb-1 flex items-center gap-1.5 text-xs font-medium text-slate-600">
                      {tc(`platforms.${v.platform}`)} <Badge tone={v.status === "unchanged" ? "muted" : "info"}>{t(`diffStatus.${v.status}`)}</Badge>
                      {(v.mediaAdded.length > 0 || v.mediaRemoved.length > 0) && (
                        <span>{t("diffMedia", { added: v.mediaAdded.length, removed: v.mediaRemoved.length })}</span>
                      )}
                    </p>
                    {v.status !== "unchanged" && (
                      <pre className="overflow-x-auto rounded-md border border-slate-100 font-mono text-xs" data-testid="review-diff-lines">
                        {v.lines.map((l, j) => (
                          <span key={j} className={`block whitespace-pre-wrap px-2 ${DIFF_TONE[l.op]}`}>
                            <span aria-hidden>{DIFF_MARK[l.op]} </span>
                            {l.text}
                          </span>
                        ))}
                      </pre>
                    )}
                  </div>
                ))}
              </div>
            )}
          </Panel>
          <RevisionComments viewer={viewer} postId={post.id} />
        </div>

        <div className="space-y-4">
          <Panel id="review-checks" title={t("checksTitle")}>
            {post.checks ? (
              <div className="space-y-2 text-sm" data-testid="review-checks">
                <p>{post.checks.blocking ? <Badge tone="danger">{t("checksBlocking")}</Badge> : <Badge tone="success">{t("checksOk")}</Badge>}</p>
                <p>
                  <RiskBadge score={post.checks.riskScore} />
                </p>
                {post.checks.legalReasons.length > 0 && (
                  <p className="text-slate-700">
                    {t("legalReasonsLabel")} {post.checks.legalReasons.map((r) => t(`legalReasons.${r}`)).join("、")}
                  </p>
                )}
              </div>
            ) : (
              <EmptyState>{t("checksNone")}</EmptyState>
            )}
          </Panel>

          <Panel id="review-approvals" title={t("approvalsTitle")}>
            {post.approvals.length === 0 ? (
              <EmptyState icon="·">{t("approvalsEmpty")}</EmptyState>
            ) : (
              <ItemList>
                {post.approvals.map((a) => (
                  <Item key={a.id}>
                    <div className="flex flex-wrap items-center gap-1.5" data-testid={`review-approval-${a.stage}`}>
                      <span className="text-sm font-medium text-slate-800">{t(`stages.${a.stage}`)}</span>
                      <Badge tone={a.decision === "approved" ? "success" : a.decision === "rejected" ? "danger" : "warning"}>{t(`decisions.${a.decision}`)}</Badge>
                    </div>
                    <p className="mt-0.5 text-xs text-slate-500">
                      <time dateTime={a.createdAt.toISOString()}>{t("reviewerAt", { name: a.reviewerName ?? "—", time: when(a.createdAt) })}</time>
                    </p>
                    <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-700">{a.reason ?? <span className="italic text-slate-500">{t("noReason")}</span>}</p>
                  </Item>
                ))}
              </ItemList>
            )}
          </Panel>

          {props.decisionPanel ?? (
          <Panel id="review-decision" title={t("formTitle")}>
            {notice || !rev ? (
              <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="review-notice" data-notice={notice}>
                {t(`notice.${notice ?? "stage_order"}`)}
              </p>
            ) : (
              <DecisionForm ns={ns} action={props.action} postId={post.id} revisionId={rev.id} queueHref={base} />
            )}
          </Panel>
          )}
          {props.aside}
          <PostLegalPanel viewer={viewer} postId={post.id} />
          <PublicationsPanel viewer={viewer} postId={post.id} />
        </div>
      </div>
    </div>
  );
}
