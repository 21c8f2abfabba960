import type { PostState } from "@/lib/domain/workflow";

/**
 * Calendar colours per post state: a left border and a tint, with the state's words in the legend
 * and in each chip's accessible name (colour is never the only signal). In workflow order.
 */
export const STATE_CHIP: Record<PostState, { chip: string; swatch: string }> = {
  draft: { chip: "border-slate-400 bg-slate-50 text-slate-700", swatch: "bg-slate-400" },
  in_review: { chip: "border-sky-500 bg-sky-50 text-sky-900", swatch: "bg-sky-500" },
  changes_requested: { chip: "border-amber-500 bg-amber-50 text-amber-900", swatch: "bg-amber-500" },
  final_review: { chip: "border-violet-500 bg-violet-50 text-violet-900", swatch: "bg-violet-500" },
  approved: { chip: "border-emerald-400 bg-white text-emerald-900", swatch: "bg-emerald-300" },
  scheduled: { chip: "border-emerald-600 bg-emerald-50 text-emerald-900", swatch: "bg-emerald-600" },
  publishing: { chip: "border-blue-600 bg-blue-50 text-blue-900", swatch: "bg-blue-600" },
  published: { chip: "border-slate-600 bg-slate-100 text-slate-800", swatch: "bg-slate-600" },
  expired: { chip: "border-red-400 bg-red-50 text-red-900 line-through decoration-red-400/60", swatch: "bg-red-400" },
  failed: { chip: "border-red-700 bg-red-50 text-red-900", swatch: "bg-red-700" },
  cancelled: { chip: "border-slate-300 bg-white text-slate-500 line-through", swatch: "bg-slate-300" },
};

/** Short network names for dense chips (the full name is in the accessible label). */
export const PLATFORM_SHORT: Record<string, string> = { x: "X", instagram: "IG", facebook: "FB", line: "LINE", tiktok: "TT", youtube: "YT" };
