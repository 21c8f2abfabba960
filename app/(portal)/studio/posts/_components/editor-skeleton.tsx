import { Skeleton } from "@/components/ui/skeleton";

/** The loading state of the post screens: a header, a form column and a side column in outline. */
export function EditorSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="studio-posts-skeleton">
      <span className="sr-only">{label}</span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className={i === 4 ? "h-28 w-full" : "h-9 w-full"} />
          ))}
        </div>
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-4 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
