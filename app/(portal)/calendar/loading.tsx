import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

/** The calendar in outline while posts load: header, toolbar, a 5-week grid. */
export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="calendar-skeleton">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-3 flex items-center gap-2">
        <Skeleton className="h-8 w-28" />
        <Skeleton className="h-6 w-32" />
        <Skeleton className="ml-auto h-8 w-40" />
      </div>
      <Skeleton className="mb-3 h-9 w-[28rem] max-w-full" />
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <div className="grid grid-cols-7 border-b border-slate-200 bg-slate-50 p-2">
          {Array.from({ length: 7 }, (_, i) => (
            <Skeleton key={i} className="h-3 w-6" />
          ))}
        </div>
        {Array.from({ length: 5 }, (_, w) => (
          <div key={w} className="grid grid-cols-7 border-b border-slate-100">
            {Array.from({ length: 7 }, (_, d) => (
              <div key={d} className="min-h-28 space-y-1 border-r border-slate-100 p-1.5">
                <Skeleton className="h-4 w-5 rounded-full" />
                {(w * 7 + d) % 3 !== 0 && <Skeleton className="h-4 w-full" />}
                {(w * 7 + d) % 4 === 1 && <Skeleton className="h-4 w-4/5" />}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
