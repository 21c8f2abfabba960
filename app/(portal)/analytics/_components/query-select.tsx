"use client";

import { useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** A select that writes one search param (and clears `page`): metric, sort order… */
export function QuerySelect({ id, label, name, value, options, testId }: { id: string; label: string; name: string; value: string; options: { value: string; label: string }[]; testId?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  return (
    <div aria-busy={pending || undefined}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const p = new URLSearchParams(params?.toString() ?? "");
          p.set(name, e.target.value);
          p.delete("page");
          start(() => router.push(`${pathname}?${p.toString()}`, { scroll: false }));
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
