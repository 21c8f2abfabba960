import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { canFire } from "@/lib/domain/workflow";
import { getPost, getRevisionDiff, listRevisions } from "@/lib/dal/posts";
import { getPostHistory } from "@/lib/dal/corrections";
import { CorrectionHistoryPanel } from "@/components/corrections/history-panel";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { PublicationsPanel } from "@/components/publishing/publications-panel";
import { RevisionComments } from "@/components/comments/revision-comments";
import { pageFormat } from "@/components/ui/page-format";
import { PostEditor } from "../_components/post-editor";
import { PlannedSlot } from "../_components/planned-slot";
import { loadEditorInputs } from "../_components/load-editor";
import { RevisionDiff } from "../_components/revision-diff";
import { btnSecondary, input, label, link } from "../_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio.editor");
  return { title: t("viewTitle") };
}

const HASH_PREFIX = 10;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function PostPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}) {
  const viewer = await requirePageViewer("post.create");
  const { id } = await params;
  const sp = await searchParams;
  const [post, revisions, history] = await Promise.all([pageData(getPost(viewer, id)), pageData(listRevisions(viewer, id)), pageData(getPostHistory(viewer, id))]);
  const inputs = await pageData(loadEditorInputs(viewer, post.currentRevision?.content.variants.flatMap((v) => v.mediaAssetIds) ?? []));
  const from = first(sp.from);
  const to = first(sp.to);
  const picked = from && to && from !== to && revisions.some((r) => r.id === from) && revisions.some((r) => r.id === to);
  const diff = picked ? await pageData(getRevisionDiff(viewer, { postId: post.id, fromRevisionId: from, toRevisionId: to })) : null;

  const t = await getTranslations("studio");
  const { tc, when } = await pageFormat(viewer, new Date());
  const isAuthor = post.authorId === viewer.id;
  const isEditable = isAuthor && can(viewer, "post.edit") && canFire(post.state, "edit") && !!post.currentRevision;
  const canSubmit = isAuthor && can(viewer, "post.submit") && canFire(post.state, "submit");
  const rev = post.currentRevision;
  // The channels of the post, even if one was archived since (it still shows, read-only in effect).
  const channels = [...inputs.channels];
  for (const target of post.targets) {
    if (!channels.some((c) => c.id === target.channelId)) {
      channels.push({ id: target.channelId, brandId: post.brandId, brandName: post.brandName, platform: target.platform as (typeof channels)[number]["platform"], displayName: target.channelName });
    }
  }
  const defaultFrom = revisions[1]?.id ?? "";
  const defaultTo = revisions[0]?.id ?? "";

  return (
    <div data-testid="studio-post">
      <PageHeader
        title={post.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="post-state">
              <PostStateBadge state={post.state} />
            </span>
            <span>{post.brandName}</span>
            {rev && <span data-testid="post-revision">{t("editor.revision", { number: rev.number })}</span>}
          </span>
        }
        meta={
          <Link href="/studio/posts" className={link}>
            {t("posts.back")}
          </Link>
        }
      />
      {!isEditable && (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" role="note" data-testid="read-only">
          {t("editor.readOnly", { state: tc(`postStates.${post.state}`) })}
        </p>
      )}
      <PostEditor
        channels={channels}
        configs={inputs.configs}
        assets={inputs.assets}
        initial={
          rev
            ? {
                postId: post.id,
                revisionId: rev.id,
                title: post.title,
                brandId: post.brandId,
                isCommercial: rev.content.isCommercial,
                variants: rev.content.variants.map((v) => ({ channelId: v.channelId, text: v.text, mediaAssetIds: v.mediaAssetIds })),
              }
            : null
        }
        isEditable={isEditable}
        canSubmit={canSubmit}
      />

      <PlannedSlot post={post} viewer={viewer} />
      <div className="mt-4 empty:hidden">
        <PublicationsPanel viewer={viewer} postId={post.id} />
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Panel id="approvals" title={t("approvals.title")} description={post.requiresLegal ? undefined : t("approvals.legalNotRequired")}>
          {post.approvals.length === 0 ? (
            <EmptyState icon="…">{t("approvals.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[32rem]" columns={[t("approvals.stage"), t("approvals.decision"), t("approvals.reviewer"), t("approvals.reason")]}>
              {post.approvals.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="px-4 py-2 font-medium">
                    {tc(`reviewStages.${a.stage}`)}
                  </th>
                  <td className="px-4 py-2">
                    <Badge tone={a.decision === "approved" ? "success" : a.decision === "rejected" ? "danger" : "warning"}>{t(`approvals.decisions.${a.decision}`)}</Badge>
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {a.reviewerName ?? "—"}
                    <time dateTime={a.createdAt.toISOString()} className="block text-xs text-slate-500">
                      {when(a.createdAt)}
                    </time>
                  </td>
                  <td className="whitespace-pre-wrap px-4 py-2 text-slate-700">{a.reason ?? t("approvals.noReason")}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel id="history" title={t("history.title")} count={revisions.length}>
          <DataTable minWidth="min-w-[32rem]" columns={[t("history.number"), t("history.author"), t("history.time"), t("history.hash")]}>
            {revisions.map((r) => (
              <tr key={r.id} data-testid="revision-row">
                <th scope="row" className="px-4 py-2 font-medium tabular-nums">
                  {r.number}
                  {r.isCurrent && (
                    <Badge tone="brand" className="ml-2">
                      {t("history.current")}
                    </Badge>
                  )}
                </th>
                <td className="px-4 py-2 text-slate-700">{r.createdByName ?? "—"}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">
                  <time dateTime={r.createdAt.toISOString()}>{when(r.createdAt)}</time>
                </td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600" title={r.contentHash}>
                  {r.contentHash.slice(0, HASH_PREFIX)}
                </td>
              </tr>
            ))}
          </DataTable>
          {revisions.length < 2 ? (
            <p className="mt-3 text-sm text-slate-500">{t("history.needTwo")}</p>
          ) : (
            <form method="get" className="mt-3 flex flex-wrap items-end gap-2" data-testid="diff-form">
              <RevisionSelect which="from" label={t("history.from")} revisions={revisions} defaultValue={picked ? from : defaultFrom} />
              <RevisionSelect which="to" label={t("history.to")} revisions={revisions} defaultValue={picked ? to : defaultTo} />
              <button type="submit" className={btnSecondary} data-testid="diff-show">
                {t("history.compare")}
              </button>
            </form>
          )}
        </Panel>
      </div>
      <div className="mt-4">
        <RevisionComments viewer={viewer} postId={post.id} />
      </div>
      {(history.corrections.length > 0 || history.correctionOf || post.state === "published") && (
        <div className="mt-4">
          <CorrectionHistoryPanel history={history} viewer={viewer} />
        </div>
      )}
      {diff && (
        <div className="mt-4">
          <RevisionDiff diff={diff} channels={channels} />
        </div>
      )}
    </div>
  );
}

/** One end of the diff range: a labelled select of revision numbers. */
function RevisionSelect(props: { which: "from" | "to"; label: string; revisions: readonly { id: string; number: number }[]; defaultValue: string | undefined }) {
  return (
    <div>
      <label htmlFor={`diff-${props.which}`} className={label}>
        {props.label}
      </label>
      <select id={`diff-${props.which}`} name={props.which} defaultValue={props.defaultValue} className={input}>
        {props.revisions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.number}
          </option>
        ))}
      </select>
    </div>
  );
}
