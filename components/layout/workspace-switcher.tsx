"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { usePathname } from "next/navigation";

type Ws = { key: string; path: string; label: string };

/** One entry per workspace the person's roles open; keyboard accessible through Radix. */
export function WorkspaceSwitcher({ workspaces, label }: { workspaces: Ws[]; label: string }) {
  const pathname = usePathname();
  const current = workspaces.find((w) => pathname === w.path || pathname.startsWith(`${w.path}/`)) ?? null;
  if (workspaces.length === 1) {
    return (
      <span className="rounded-md bg-slate-100 px-3 py-1.5 text-sm font-medium text-slate-700" data-testid="workspace-name">
        {workspaces[0]!.label}
      </span>
    );
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={label}
        data-testid="workspace-switcher"
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
      >
        {current?.label ?? label}
        <span aria-hidden>▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={4} className="z-50 min-w-52 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {workspaces.map((w) => (
            <DropdownMenu.Item key={w.key} asChild>
              <Link
                href={w.path}
                aria-current={current?.key === w.key ? "page" : undefined}
                className="block rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-slate-100 aria-[current=page]:font-semibold"
              >
                {w.label}
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
