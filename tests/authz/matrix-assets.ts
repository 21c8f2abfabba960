import type { EntryPoint } from "./matrix";

/** The demo's first seeded asset (db/seed/workspaces.ts seedId("asset", 1)): the file routes need a real one to answer 200. */
const SEED_ASSET = "00000000-0000-4000-8106-000000000001";

/**
 * Entry points of the asset library. Readers: manager, creator, PR, Legal, ad ops (asset.read);
 * uploads, metadata edits and archiving: creators (asset.upload). The upload's empty POST fails
 * validation (411/422) after authorization.
 */
export const ASSET_ENTRY_POINTS: EntryPoint[] = [
  { id: "route POST /api/assets/upload", permission: "asset.upload", outcomes: "FFAFFFFFFU" },
  { id: "route GET /api/assets/[id]/file", permission: "asset.read", outcomes: "AFAAAFAFFU", url: `/api/assets/${SEED_ASSET}/file` },
  { id: "route GET /api/assets/[id]/thumbnail", permission: "asset.read", outcomes: "AFAAAFAFFU", url: `/api/assets/${SEED_ASSET}/thumbnail` },
  { id: "action app/(portal)/studio/assets/actions.ts#updateAssetAction", permission: "asset.upload", outcomes: "FFAFFFFFFU" },
  { id: "action app/(portal)/studio/assets/actions.ts#setAssetArchivedAction", permission: "asset.upload", outcomes: "FFAFFFFFFU" },
];
