import type { ReactNode } from "react";

export type DataTableColumn = ReactNode | { label: ReactNode; align: "right" };

function isAligned(c: DataTableColumn): c is { label: ReactNode; align: "right" } {
  return typeof c === "object" && c !== null && "align" in c;
}

/**
 * A panel's table: scrolls sideways on narrow screens, one header row of column headings, rows
 * divided by hairlines. The rows (with their own `th scope="row"`) are the children.
 */
export function DataTable({ minWidth, columns, children }: { minWidth: `min-w-[${string}]`; columns: DataTableColumn[]; children: ReactNode }) {
  return (
    <div className="-mx-4 overflow-x-auto">
      <table className={`w-full ${minWidth} text-left text-sm`}>
        <thead className="border-b border-slate-100 text-xs text-slate-500">
          <tr>
            {columns.map((c, i) =>
              isAligned(c) ? (
                <th key={i} scope="col" className="px-4 py-2 text-right font-medium">
                  {c.label}
                </th>
              ) : (
                <th key={i} scope="col" className="px-4 py-2 font-medium">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
