import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="notifications-loading">
      <span className="sr-only">{t("loading")}</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <Skeleton className="mb-4 h-8 w-48" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-3 border-b border-slate-100 py-3 last:border-0">
            <Skeleton className="mt-1 h-2 w-2 rounded-full" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-3 w-1/2" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
