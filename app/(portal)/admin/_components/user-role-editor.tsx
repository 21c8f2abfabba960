"use client";

import { useActionState, useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PublicError } from "@/lib/errors";
import type { Role } from "@/lib/auth/permissions";
import { grantRoleAction, revokeRoleAction } from "../actions";
import { ActionError } from "./action-error";
import { btnSecondary } from "./ui";

export type RoleChip = { role: Role; source: "idp" | "manual"; hint: string };

type FormAction = (state: ActionResult | null, fd: FormData) => Promise<ActionResult | null>;

/**
 * One user's roles as chips (with a remove button each) and a select to add a role.
 * The server action revalidates the page, so the chips re-render from the database.
 */
export function UserRoleEditor(props: { userId: string; userName: string; roles: RoleChip[]; allRoles: readonly Role[]; canManage: boolean }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("common.roleNames");
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<{ ok: true; text: string } | { ok: false; error: PublicError } | null>(null);
  const [grantState, grantAction, granting] = useActionState(grantRoleAction as unknown as FormAction, null);
  const selectId = useId();
  const held = new Set(props.roles.map((r) => r.role));
  const addable = props.allRoles.filter((r) => !held.has(r));

  const revoke = (role: Role) =>
    start(async () => {
      const r = await revokeRoleAction({ userId: props.userId, role });
      setStatus(r.ok ? { ok: true, text: t("roleRevoked", { role: tr(role) }) } : { ok: false, error: r.error });
    });

  const shownError = status && !status.ok ? status.error : grantState && !grantState.ok ? grantState.error : null;
  const grantedRole = grantState?.ok ? (grantState.data as { role: Role }).role : null;

  return (
    <div className="min-w-56 space-y-2">
      <ul className="flex flex-wrap gap-1.5" aria-label={t("columns.roles")}>
        {props.roles.length === 0 && <li className="text-xs text-slate-500">{t("noRoles")}</li>}
        {props.roles.map((r) => (
          <li
            key={r.role}
            title={r.hint}
            className="inline-flex items-center gap-1 rounded-full border border-slate-200 bg-slate-50 py-0.5 pl-2.5 pr-1 text-xs text-slate-800"
            data-testid={`role-chip-${r.role}`}
          >
            <span>{tr(r.role)}</span>
            <span
              className={`rounded px-1 text-[10px] font-semibold ${r.source === "manual" ? "bg-brand-100 text-brand-800" : "bg-slate-200 text-slate-700"}`}
            >
              {t(`source.${r.source}`)}
            </span>
            {props.canManage ? (
              <button
                type="button"
                onClick={() => revoke(r.role)}
                disabled={pending}
                aria-label={t("removeRole", { name: props.userName, role: tr(r.role) })}
                className="ml-0.5 flex h-5 w-5 items-center justify-center rounded-full text-slate-500 hover:bg-red-100 hover:text-red-700 disabled:opacity-50"
                data-testid={`revoke-${r.role}`}
              >
                <span aria-hidden>×</span>
              </button>
            ) : (
              <span className="w-1" />
            )}
          </li>
        ))}
      </ul>
      {props.canManage &&
        (addable.length > 0 ? (
          <form action={grantAction} onSubmit={() => setStatus(null)} className="flex items-center gap-1.5">
            <input type="hidden" name="userId" value={props.userId} />
            <label htmlFor={selectId} className="sr-only">
              {t("addRoleLabel", { name: props.userName })}
            </label>
            <select
              id={selectId}
              name="role"
              required
              defaultValue=""
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs focus:border-brand-600 focus:outline-none"
              data-testid="add-role-select"
            >
              <option value="" disabled>
                {t("addRolePlaceholder")}
              </option>
              {addable.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
            <button type="submit" disabled={granting} className={`${btnSecondary} px-2 py-1 text-xs`} data-testid="add-role-submit">
              {t("addRoleSubmit")}
            </button>
          </form>
        ) : (
          <p className="text-xs text-slate-500">{t("allRolesHeld")}</p>
        ))}
      <div aria-live="polite" className="text-xs">
        {shownError ? (
          <ActionError error={shownError} className="py-1 text-xs" />
        ) : status?.ok ? (
          <span className="text-emerald-700">{status.text}</span>
        ) : grantedRole && !status ? (
          <span className="text-emerald-700">{t("roleGranted", { role: tr(grantedRole) })}</span>
        ) : null}
      </div>
    </div>
  );
}
