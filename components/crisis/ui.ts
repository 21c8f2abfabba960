/** Tailwind classes of the crisis and correction controls, matching components/ui and the scheduling controls. */
export { btnDanger, btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
/** The one irreversible-feeling action on a screen: starting crisis mode, confirming a cancel. */
export const btnDangerSolid =
  "inline-flex items-center justify-center gap-1 rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:opacity-50";
export const noticeOk = "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800";
export const noticeError = "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800";
