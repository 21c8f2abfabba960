import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { PageHeader } from "@/components/ui/page-header";
import { PostEditor } from "../_components/post-editor";
import { loadEditorInputs } from "../_components/load-editor";
import { link } from "../_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio.editor");
  return { title: t("newTitle") };
}

export default async function NewPostPage() {
  const viewer = await requirePageViewer("post.create");
  const { channels, configs, assets } = await pageData(loadEditorInputs(viewer));
  const t = await getTranslations("studio");
  return (
    <div data-testid="studio-new-post">
      <PageHeader
        title={t("editor.newTitle")}
        meta={
          <Link href="/studio/posts" className={link}>
            {t("posts.back")}
          </Link>
        }
      />
      <PostEditor channels={channels} configs={configs} assets={assets} initial={null} isEditable canSubmit={false} />
    </div>
  );
}
