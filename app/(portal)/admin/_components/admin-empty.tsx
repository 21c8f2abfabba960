import { EmptyState } from "@/components/ui/empty-state";

/** The admin lists' empty state: a title and a hint, in the card's padding. */
export function AdminEmpty({ testId, title, hint }: { testId: string; title: string; hint: string }) {
  return (
    <div className="p-4" data-testid={testId}>
      <EmptyState icon="○">
        <span>
          <span className="block font-medium text-slate-700">{title}</span>
          <span className="block">{hint}</span>
        </span>
      </EmptyState>
    </div>
  );
}
