import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listMyPosts, POST_LIST_LIMIT } from "@/lib/dal/posts-list";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { btnPrimary, link } from "./_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio.posts");
  return { title: t("title") };
}

export default async function StudioPostsPage({ searchParams }: { searchParams: Promise<{ scope?: string | string[] }> }) {
  const viewer = await requirePageViewer("post.create");
  const { scope: rawScope } = await searchParams;
  const scope = rawScope === "team" ? "team" : "mine";
  const rows = await pageData(listMyPosts(viewer, { scope }));
  const t = await getTranslations("studio.posts");
  const { tc, when, num } = await pageFormat(viewer, new Date());
  const tabs = [
    { key: "mine", href: "/studio/posts", label: t("scopeMine") },
    { key: "team", href: "/studio/posts?scope=team", label: t("scopeTeam") },
  ] as const;

  return (
    <div data-testid="studio-posts">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        meta={
          <Link href="/studio/posts/new" className={btnPrimary} data-testid="new-post">
            {t("new")}
          </Link>
        }
      />
      <nav aria-label={t("scopeLabel")} className="mb-4 flex gap-2">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={scope === tab.key ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${scope === tab.key ? "bg-slate-900 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <Panel id="posts" title={t("tableLabel")} count={num(rows.length)} footer={rows.length >= POST_LIST_LIMIT ? t("showingLimit", { limit: POST_LIST_LIMIT }) : undefined}>
        {rows.length === 0 ? (
          <EmptyState icon="✎">{t("empty")}</EmptyState>
        ) : (
          <DataTable minWidth="min-w-[48rem]" columns={[t("colTitle"), t("colState"), t("colBrand"), t("colChannels"), t("colAuthor"), t("colUpdated")]}>
            {rows.map((p) => (
              <tr key={p.id} data-testid="post-row">
                <th scope="row" className="px-4 py-2 font-medium">
                  <Link href={`/studio/posts/${p.id}`} className={link}>
                    {p.title}
                  </Link>
                </th>
                <td className="px-4 py-2">
                  <PostStateBadge state={p.state} />
                </td>
                <td className="px-4 py-2 text-slate-700">{p.brandName}</td>
                <td className="px-4 py-2 text-slate-700">
                  {p.channels.length ? p.channels.map((c) => tc(`platforms.${c.platform}`)).join("、") : t("noChannels")}
                </td>
                <td className="px-4 py-2 text-slate-700">{p.authorName ?? "—"}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">
                  <time dateTime={p.updatedAt.toISOString()}>{when(p.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}
