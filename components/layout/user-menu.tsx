"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useTransition } from "react";
import { signOutAction } from "@/app/(portal)/actions";

export function UserMenu(props: {
  name: string;
  email: string | null;
  roles: string[];
  timeZone: string;
  labels: { menu: string; signOut: string; roles: string; timeZone: string };
}) {
  const [pending, start] = useTransition();
  const signOut = () =>
    start(async () => {
      await signOutAction({});
      // A full navigation, so no client-side cache of portal pages survives the session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in?signedOut=1");
    });
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={props.labels.menu}
        data-testid="user-menu"
        className="inline-flex items-center gap-2 rounded-full border border-slate-300 bg-white py-1 pl-1 pr-3 text-sm hover:bg-slate-50"
      >
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800">
          {props.name.slice(0, 1)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{props.name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 w-72 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <div className="px-3 py-2">
            <p className="font-medium">{props.name}</p>
            {props.email && <p className="truncate text-xs text-slate-500">{props.email}</p>}
            <p className="mt-2 text-xs text-slate-500">
              {props.labels.roles}: {props.roles.join("、") || "—"}
            </p>
            <p className="text-xs text-slate-500">
              {props.labels.timeZone}: {props.timeZone}
            </p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            onSelect={(e) => {
              e.preventDefault();
              signOut();
            }}
            disabled={pending}
            data-testid="sign-out"
            className="cursor-pointer rounded px-3 py-2 text-sm text-red-700 outline-none data-[highlighted]:bg-red-50"
          >
            {props.labels.signOut}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
