import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getLegalReview, legalQueueOptions, snapshotTexts, type LegalReviewDetail } from "@/lib/dal/legal-queue";
import type { Viewer } from "@/lib/dal/viewer";
import { snapshotLines, type ClaimHit, type ClaimReason } from "@/lib/domain/legal-review";
import { diffLines, hasChanges } from "@/lib/domain/text-diff";
import { ReviewPostPage } from "@/components/review/review-post-page";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";
import { decideLegalAction } from "../../actions";
import { ReviewSide } from "../../_components/review-side";
import { KindBadge, RiskLevelBadge, SlaBadge, StateBadge } from "../../_components/badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legalQueue.review");
  return { title: t("metaTitle") };
}

const DIFF_TONE = { add: "bg-emerald-50 text-emerald-900", del: "bg-red-50 text-red-900 line-through", equal: "text-slate-700" } as const;
const DIFF_MARK = { add: "+", del: "−", equal: " " } as const;

type AssetRow = { id: string; name: string; kind: string; source: string; licence: string | null; licenceExpiresAt: string | null; hasLikeness: boolean };

/** The assets of a post revision with their rights, as recorded when Legal was asked. */
async function AssetsPanel({ viewer, review }: { viewer: Viewer; review: LegalReviewDetail }) {
  const t = await getTranslations("legalQueue.assets");
  const { when, now } = await pageFormat(viewer, new Date());
  const rows = (review.snapshot.assets as AssetRow[] | undefined) ?? [];
  return (
    <Panel id="legal-assets" title={t("title")} description={t("description")} count={rows.length}>
      {rows.length === 0 ? (
        <EmptyState icon="·">{t("empty")}</EmptyState>
      ) : (
        <ItemList>
          {rows.map((a) => {
            const exp = a.licenceExpiresAt ? new Date(a.licenceExpiresAt) : null;
            return (
              <Item key={a.id}>
                <div className="flex flex-wrap items-center gap-1.5" data-testid="legal-asset" data-source={a.source}>
                  <span className="break-all text-sm font-medium text-slate-900">{a.name}</span>
                  <Badge tone={a.source === "own" ? "muted" : "warning"}>{t(`sources.${a.source}`)}</Badge>
                  {a.hasLikeness && <Badge tone="warning">{t("likeness")}</Badge>}
                </div>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
                  <dt>{t("licence")}</dt>
                  <dd className="text-slate-800">{a.licence ?? "—"}</dd>
                  <dt>{t("expires")}</dt>
                  <dd className="text-slate-800">
                    {exp ? (
                      <>
                        {when(exp)} {exp.getTime() < now.getTime() && <Badge tone="danger">{t("expired")}</Badge>}
                      </>
                    ) : (
                      t("noExpiry")
                    )}
                  </dd>
                </dl>
              </Item>
            );
          })}
        </ItemList>
      )}
    </Panel>
  );
}

/** Hits grouped by reason (one explanation per rule, with every wording that broke it). */
function claimGroups(claims: LegalReviewDetail["automatic"]["claims"]) {
  const groups = new Map<string, { reason: ClaimReason; law: ClaimHit["law"]; terms: string[] }>();
  for (const c of claims) {
    const g = groups.get(c.reason) ?? { reason: c.reason, law: c.law, terms: [] };
    if (!g.terms.includes(c.term)) g.terms.push(c.term);
    groups.set(c.reason, g);
  }
  return [...groups.values()];
}

async function AutomaticPanel({ review }: { review: LegalReviewDetail }) {
  const t = await getTranslations("legalQueue.automatic");
  const { claims, disclosure } = review.automatic;
  return (
    <Panel id="legal-automatic" title={t("title")}>
      <div className="space-y-3 text-sm" data-testid="legal-automatic">
        <div>
          <p className="text-xs font-medium text-slate-600">{t("claims")}</p>
          {claims.length === 0 ? (
            <p className="text-slate-700">{t("claimsNone")}</p>
          ) : (
            <ul className="mt-1 space-y-2">
              {claimGroups(claims).map((g) => (
                <li key={g.reason} data-testid="legal-claim" data-reason={g.reason}>
                  <span className="flex flex-wrap gap-1.5">
                    {g.terms.map((term) => (
                      <Badge key={term} tone="danger">
                        「{term}」
                      </Badge>
                    ))}
                    <Badge tone="muted">{t(`law.${g.law}`)}</Badge>
                  </span>
                  <span className="mt-1 block text-xs text-slate-700">{t(`reasons.${g.reason}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {disclosure.length > 0 && (
          <div>
            <p className="text-xs font-medium text-slate-600">{t("disclosure")}</p>
            <ul className="mt-1 space-y-1">
              {disclosure.map((d, i) => (
                <li key={i}>
                  <Badge tone={d.status === "pass" ? "success" : "danger"}>
                    {d.field}: {d.status === "pass" ? t("disclosurePass") : d.status === "fail" ? t("disclosureFail", { reason: t(`disclosureReasons.${d.reason}`) }) : "—"}
                  </Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Panel>
  );
}

async function HistoryPanel({ viewer, review }: { viewer: Viewer; review: LegalReviewDetail }) {
  const t = await getTranslations("legalQueue.review");
  const tq = await getTranslations("legalQueue");
  const { when } = await pageFormat(viewer, new Date());
  return (
    <Panel id="legal-history" title={t("historyTitle")} count={review.history.length}>
      {review.history.length === 0 ? (
        <EmptyState icon="·">{t("historyEmpty")}</EmptyState>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="legal-history">
          {review.history.map((h) => {
            const decision = typeof h.data.decision === "string" ? h.data.decision : null;
            const note = typeof h.data.reason === "string" ? h.data.reason : typeof h.data.text === "string" ? h.data.text : null;
            return (
              <li key={h.id} className="border-l-2 border-slate-200 pl-3" data-testid="legal-history-event" data-action={h.action}>
                <p className="text-slate-900">
                  {t.has(`actions.${h.action.replaceAll(".", "_")}`) ? t(`actions.${h.action.replaceAll(".", "_")}`) : h.action}
                  {decision && tq.has(`states.${decision}`) && (
                    <span className="ml-1.5">
                      <StateBadge state={decision} label={tq(`states.${decision}`)} />
                    </span>
                  )}
                  {h.reviewId !== review.id && <span className="ml-1.5 text-xs text-slate-500">({t("earlierVersion")})</span>}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={h.at.toISOString()}>{when(h.at)}</time> · {h.actorLabel}
                </p>
                {note && <p className="mt-0.5 whitespace-pre-wrap text-xs text-slate-700">{note}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}

/** What is under review, for kinds other than posts: reply with its inbox item, creative, complaint, talent usage. */
async function SnapshotPanel({ viewer, review }: { viewer: Viewer; review: LegalReviewDetail }) {
  const t = await getTranslations("legalQueue");
  const { when } = await pageFormat(viewer, new Date());
  const s = review.snapshot;
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  const texts = snapshotTexts(review.kind, s);
  const inbox = (s.inboxItem ?? null) as { text?: string; authorHandle?: string | null; platform?: string; receivedAt?: string } | null;
  const inboxText = inbox?.text ?? str(s.inboxItemText) ?? review.takedown?.inboxText ?? null;
  const shown = new Set(["text", "headline", "body", "primaryText", "description", "caption", "callToAction", "replyText", "inboxItem", "inboxItemText", "complainant", "contact", "url", "takedownKind"]);
  const other = snapshotLines(Object.fromEntries(Object.entries(s).filter(([k]) => !shown.has(k))));
  return (
    <Panel id="legal-snapshot" title={t("review.snapshotTitle")}>
      <div className="space-y-4 text-sm" data-testid="legal-snapshot" data-kind={review.kind}>
        {review.kind === "takedown" && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-xs text-slate-600">{t("review.complainant")}</dt>
            <dd className="text-slate-900">{str(s.complainant) ?? review.takedown?.complainant ?? "—"}</dd>
            <dt className="text-xs text-slate-600">{t("review.contact")}</dt>
            <dd className="break-all text-slate-900">{str(s.contact) ?? "—"}</dd>
            <dt className="text-xs text-slate-600">{t("review.url")}</dt>
            <dd className="break-all font-mono text-xs text-slate-900">{str(s.url) ?? "—"}</dd>
            <dt className="text-xs text-slate-600">{t("review.takedownKind")}</dt>
            <dd>{str(s.takedownKind) ? <Badge tone="warning">{t(`takedownKinds.${s.takedownKind as "copyright"}`)}</Badge> : "—"}</dd>
            {review.takedown && (
              <>
                <dt className="text-xs text-slate-600">{t("review.takedownStatus")}</dt>
                <dd>
                  <Badge tone="info">{t(`takedownStatuses.${review.takedown.status}`)}</Badge>
                </dd>
              </>
            )}
          </dl>
        )}
        {texts.map((x) => (
          <div key={x.field}>
            <p className="text-xs font-medium text-slate-600">
              {review.kind === "reply" && (x.field === "text" || x.field === "replyText")
                ? t("review.replyText")
                : review.kind === "takedown" && x.field === "description"
                  ? t("review.complaint")
                  : review.kind === "ad_creative"
                    ? `${t("review.creative")} · ${x.field}`
                    : x.field}
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-slate-900" data-testid="legal-snapshot-text">
              {x.text}
            </p>
          </div>
        ))}
        {inboxText && (
          <div>
            <p className="text-xs font-medium text-slate-600">
              {t("review.inboxItem")}
              {inbox?.authorHandle && <span className="ml-1 font-normal">@{inbox.authorHandle}</span>}
              {inbox?.receivedAt && <span className="ml-1 font-normal">· {when(new Date(inbox.receivedAt))}</span>}
            </p>
            <blockquote className="mt-1 whitespace-pre-wrap border-l-4 border-slate-300 bg-white px-3 py-2 text-slate-800" data-testid="legal-inbox-text">
              {inboxText}
            </blockquote>
          </div>
        )}
        {other.length > 0 && (
          <div>
            <p className="text-xs font-medium text-slate-600">{t("review.fields")}</p>
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-700">
              {other.slice(0, 40).map((l, i) => (
                <li key={i} className="break-all">
                  {l}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Panel>
  );
}

async function SnapshotDiffPanel({ viewer, review }: { viewer: Viewer; review: LegalReviewDetail }) {
  const t = await getTranslations("legalQueue");
  const { when } = await pageFormat(viewer, new Date());
  const prev = review.previous;
  const lines = prev ? diffLines(snapshotLines(prev.snapshot).join("\n"), snapshotLines(review.snapshot).join("\n")) : [];
  return (
    <Panel
      id="legal-diff"
      title={t("review.diffTitle")}
      description={prev ? t("review.diffPrevious", { state: t(`states.${prev.state}`), time: prev.decidedAt ? when(prev.decidedAt) : "—" }) : undefined}
    >
      {!prev ? (
        <EmptyState icon="·">{t("review.diffNone")}</EmptyState>
      ) : !hasChanges(lines) ? (
        <EmptyState icon="=">{t("review.diffSame")}</EmptyState>
      ) : (
        <pre className="overflow-x-auto rounded-md border border-slate-100 font-mono text-xs" data-testid="legal-diff-lines">
          {lines.map((l, j) => (
            <span key={j} className={`block whitespace-pre-wrap px-2 ${DIFF_TONE[l.op]}`}>
              <span aria-hidden>{DIFF_MARK[l.op]} </span>
              {l.text}
            </span>
          ))}
        </pre>
      )}
    </Panel>
  );
}

export default async function LegalReviewPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params;
  const viewer = await requirePageViewer("legal_review.read");
  const [review, options] = await pageData(Promise.all([getLegalReview(viewer, reviewId), legalQueueOptions(viewer)]));
  const t = await getTranslations("legalQueue");
  const { when, rel } = await pageFormat(viewer, new Date());
  const side = (
    <>
      <ReviewSide viewer={viewer} review={review} staff={options.staff} />
      {review.kind === "post_revision" && <AutomaticPanel review={review} />}
      {review.kind === "post_revision" && <AssetsPanel viewer={viewer} review={review} />}
      {review.kind === "post_revision" && <HistoryPanel viewer={viewer} review={review} />}
    </>
  );

  // A post under review: the review page's own components (revision, media and per-network previews,
  // checks, approvals, comments), the diff from the revision Legal last saw, and the structured review.
  if (review.kind === "post_revision" && review.postId && viewer.permissions.has("post.review_legal")) {
    return (
      <div data-testid="legal-review-page" data-kind={review.kind} data-review-id={review.id}>
        <ReviewPostPage stage="legal" postId={review.postId} action={decideLegalAction} backHref="/legal" diffFromRevisionId={review.previous?.revisionId ?? null} decisionPanel={side} />
      </div>
    );
  }

  return (
    <div data-testid="legal-review-page" data-kind={review.kind} data-review-id={review.id}>
      <p className="mb-2 text-sm">
        <Link href="/legal" className="text-brand-700 underline-offset-2 hover:underline">
          ← {t("review.back")}
        </Link>
      </p>
      <PageHeader
        title={review.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-1.5">
            <KindBadge kind={review.kind} label={t(`kinds.${review.kind}`)} />
            <StateBadge state={review.state} label={t(`states.${review.state}`)} />
            <RiskLevelBadge risk={review.risk} label={`${t("table.risk")}: ${t(`risks.${review.risk}`)}`} />
            {review.dueAt && review.sla !== "none" && (
              <SlaBadge sla={review.sla} label={review.sla === "breached" ? t("table.overdue", { time: rel(review.dueAt) }) : t("review.due", { time: when(review.dueAt) })} />
            )}
            {[review.brandName, review.channelName].filter(Boolean).join(" · ")}
          </span>
        }
        meta={
          <span>
            {review.requesterName && t("review.requestedBy", { name: review.requesterName, time: when(review.createdAt) })}
            {review.subjectHash && (
              <>
                {" · "}
                <code className="font-mono">{t("review.hash", { hash: review.subjectHash.slice(0, 12) })}</code>
              </>
            )}
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <SnapshotPanel viewer={viewer} review={review} />
          <SnapshotDiffPanel viewer={viewer} review={review} />
          <AutomaticPanel review={review} />
          {review.kind === "post_revision" && <AssetsPanel viewer={viewer} review={review} />}
          <HistoryPanel viewer={viewer} review={review} />
        </div>
        <div>
          <ReviewSide viewer={viewer} review={review} staff={options.staff} />
        </div>
      </div>
    </div>
  );
}
