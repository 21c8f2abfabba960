import type { ReactNode } from "react";
import clsx from "clsx";

/** A titled section of a page (h2), with an optional count and description. */
export function Panel({
  id,
  title,
  description,
  count,
  children,
  className,
  actions,
  footer,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  count?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
  /** A quiet line under the content, e.g. "showing 6 of 12". */
  footer?: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className={clsx("rounded-xl border border-slate-200 bg-white shadow-sm", className)} data-testid={`panel-${id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
            {title}
            {count !== undefined && (
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-700">{count}</span>
            )}
          </h2>
          {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
        </div>
        {actions}
      </div>
      <div className="p-4">{children}</div>
      {footer && <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{footer}</p>}
    </section>
  );
}

/** A plain list of rows inside a panel. */
export function ItemList({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul aria-label={label} className="-my-2 divide-y divide-slate-100">
      {children}
    </ul>
  );
}

export function Item({ children, className }: { children: ReactNode; className?: string }) {
  return <li className={clsx("py-2.5", className)}>{children}</li>;
}
