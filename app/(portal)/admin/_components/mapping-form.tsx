"use client";

import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { Role } from "@/lib/auth/permissions";
import { createGroupMappingAction } from "../actions";
import { GROUP_NAME_MAX_LENGTH } from "../constants";
import { ActionError, useErrorText } from "./action-error";
import { btnPrimary, input, label } from "./ui";

type FormAction = (state: ActionResult | null, fd: FormData) => Promise<ActionResult | null>;

/** Adds an IdP group → role mapping; field errors appear under their field. */
export function MappingForm({ roles }: { roles: readonly Role[] }) {
  const t = useTranslations("admin.mappings");
  const tr = useTranslations("common.roleNames");
  const text = useErrorText();
  // Controlled, so a rejected submission keeps what was typed; cleared only on success.
  const [groupName, setGroupName] = useState("");
  const [role, setRole] = useState("");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(async (prev, fd) => {
    const r = await (createGroupMappingAction as unknown as FormAction)(prev, fd);
    if (r?.ok) {
      setGroupName("");
      setRole("");
    }
    return r;
  }, null);
  const groupId = useId();
  const roleId = useId();
  const error = state && !state.ok ? state.error : null;
  const groupError = text.field(error?.fieldErrors?.groupName);
  const roleError = text.field(error?.fieldErrors?.role);
  const added = state?.ok ? (state.data as { groupName: string; role: Role }) : null;

  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-start" data-testid="mapping-form" noValidate>
      <div>
        <label htmlFor={groupId} className={label}>
          {t("groupName")}
        </label>
        <input
          id={groupId}
          name="groupName"
          required
          maxLength={GROUP_NAME_MAX_LENGTH}
          autoComplete="off"
          value={groupName}
          onChange={(e) => setGroupName(e.target.value)}
          className={input}
          aria-invalid={groupError ? true : undefined}
          aria-describedby={`${groupId}-hint${groupError ? ` ${groupId}-err` : ""}`}
        />
        <p id={`${groupId}-hint`} className="mt-1 text-xs text-slate-500">
          {t("groupNameHint")}
        </p>
        {groupError && (
          <p id={`${groupId}-err`} className="mt-1 text-xs text-red-700">
            {groupError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={roleId} className={label}>
          {t("role")}
        </label>
        <select
          id={roleId}
          name="role"
          required
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className={input}
          aria-invalid={roleError ? true : undefined}
          aria-describedby={roleError ? `${roleId}-err` : undefined}
        >
          <option value="" disabled>
            {t("rolePlaceholder")}
          </option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </select>
        {roleError && (
          <p id={`${roleId}-err`} className="mt-1 text-xs text-red-700">
            {roleError}
          </p>
        )}
      </div>
      <div className="sm:pt-5">
        <button type="submit" disabled={pending} className={btnPrimary} data-testid="mapping-submit">
          {t("add")}
        </button>
      </div>
      <div aria-live="polite" className="sm:col-span-3">
        {error && !groupError && !roleError && <ActionError error={error} />}
        {added && (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {t("added", { group: added.groupName, role: tr(added.role) })}
          </p>
        )}
      </div>
    </form>
  );
}
