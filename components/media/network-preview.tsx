import { useTranslations } from "next-intl";
import type { Platform } from "@/lib/domain/text-length";
import type { MediaEntry } from "./media-list";

/**
 * How the attachments appear on the network, roughly: X tiles up to four in a grid, Instagram and
 * TikTok photos show the first item with "1 / N", YouTube a 16:9 player frame, Facebook and LINE a
 * row. Thumbnails only (from the authorised route); the exact crop is the network's.
 */
export function NetworkMediaPreview({ platform, items }: { platform: Platform; items: readonly MediaEntry[] }) {
  const t = useTranslations("assets");
  if (items.length === 0) return null;
  const tile = (m: MediaEntry, className: string) =>
    "missing" in m || !m.thumbnailUrl ? (
      <span key={m.id} className={`flex items-center justify-center bg-red-50 text-xs text-red-800 ${className}`}>
        {t("media.missing", { id: m.id.slice(0, 8) })}
      </span>
    ) : (
      // eslint-disable-next-line @next/next/no-img-element
      <img key={m.id} src={m.thumbnailUrl} alt={m.originalName} className={`object-cover ${className}`} />
    );
  if (platform === "x") {
    const grid = items.length === 1 ? "grid-cols-1" : "grid-cols-2";
    return (
      <div className={`grid ${grid} gap-0.5 overflow-hidden rounded-xl border border-slate-200`} data-testid="network-preview-media">
        {items.slice(0, 4).map((m) => tile(m, items.length === 1 ? "aspect-video w-full" : "aspect-square w-full"))}
      </div>
    );
  }
  if (platform === "instagram" || platform === "tiktok") {
    const first = items[0]!;
    return (
      <div className="relative w-40 overflow-hidden rounded-md border border-slate-200" data-testid="network-preview-media">
        {tile(first, platform === "tiktok" ? "aspect-[9/16] w-full" : "aspect-[4/5] w-full")}
        {items.length > 1 && (
          <span className="absolute right-1 top-1 rounded-full bg-black/70 px-1.5 text-[10px] font-semibold text-white">
            1 / {items.length}
          </span>
        )}
      </div>
    );
  }
  if (platform === "youtube") {
    return (
      <div className="w-56 overflow-hidden rounded-md border border-slate-200 bg-black" data-testid="network-preview-media">
        {tile(items[0]!, "aspect-video w-full")}
      </div>
    );
  }
  return (
    <div className="flex flex-wrap gap-1" data-testid="network-preview-media">
      {items.map((m) => tile(m, "h-20 w-20 rounded-md"))}
    </div>
  );
}
