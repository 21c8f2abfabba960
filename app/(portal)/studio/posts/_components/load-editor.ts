import "server-only";
import type { Viewer } from "@/lib/dal/viewer";
import { getChecksConfig, listChannelsForDrafting } from "@/lib/dal/posts-list";
import type { EditorChannel, EditorConfig } from "./post-editor";

/** The editor's inputs: the channels one may draft for and, per brand, the checks configuration the browser runs. */
export async function loadEditorInputs(viewer: Viewer): Promise<{ channels: EditorChannel[]; configs: Record<string, EditorConfig> }> {
  const rows = await listChannelsForDrafting(viewer);
  const brandIds = [...new Set(rows.map((c) => c.brandId))];
  const configs = await Promise.all(brandIds.map((id) => getChecksConfig(viewer, id)));
  return {
    channels: rows.map((c) => ({ id: c.id, brandId: c.brandId, brandName: c.brandName, platform: c.platform, displayName: c.displayName })),
    configs: Object.fromEntries(configs.map((c) => [c.brandId, { lexicon: c.lexicon, rules: c.rules }])),
  };
}
