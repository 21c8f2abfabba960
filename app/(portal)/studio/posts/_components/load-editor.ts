import "server-only";
import type { Viewer } from "@/lib/dal/viewer";
import { getChecksConfig, listChannelsForDrafting } from "@/lib/dal/posts-list";
import { getAssetsByIds, listAssetsForPicker, type AssetDto } from "@/lib/dal/assets";
import type { EditorChannel, EditorConfig } from "./post-editor";

/**
 * The editor's inputs: the channels one may draft for, per brand the checks configuration the browser
 * runs, and the assets for the media picker (plus `usedIds`, the post's current media, even archived).
 */
export async function loadEditorInputs(
  viewer: Viewer,
  usedIds: readonly string[] = [],
): Promise<{ channels: EditorChannel[]; configs: Record<string, EditorConfig>; assets: AssetDto[] }> {
  const canReadAssets = viewer.permissions.has("asset.read");
  const [rows, pickable, used] = await Promise.all([
    listChannelsForDrafting(viewer),
    canReadAssets ? listAssetsForPicker(viewer) : Promise.resolve([]),
    canReadAssets && usedIds.length ? getAssetsByIds(viewer, usedIds) : Promise.resolve([]),
  ]);
  const brandIds = [...new Set(rows.map((c) => c.brandId))];
  const configs = await Promise.all(brandIds.map((id) => getChecksConfig(viewer, id)));
  return {
    channels: rows.map((c) => ({ id: c.id, brandId: c.brandId, brandName: c.brandName, platform: c.platform, displayName: c.displayName })),
    configs: Object.fromEntries(configs.map((c) => [c.brandId, { lexicon: c.lexicon, rules: c.rules }])),
    assets: [...new Map([...pickable, ...used].map((a) => [a.id, a])).values()],
  };
}
