"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type SideNavGroup = { key: string; label: string; items: { href: string; label: string }[] };

/** Shows the navigation of the workspace the current URL is in. */
export function SideNav({ groups }: { groups: SideNavGroup[] }) {
  const pathname = usePathname();
  const seg = pathname.split("/")[1] ?? "";
  const group = groups.find((g) => g.key === seg) ?? groups[0];
  if (!group) return null;
  return (
    <nav aria-label={group.label} className="hidden w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-4 md:block">
      <p className="mb-2 px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.label}</p>
      <ul className="space-y-1">
        {group.items.map((i) => {
          const active = pathname === i.href || (i.href !== `/${group.key}` && pathname.startsWith(i.href));
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={active ? "page" : undefined}
                className="block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800"
              >
                {i.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
