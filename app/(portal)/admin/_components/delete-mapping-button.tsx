"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import { roleHas, type Role } from "@/lib/auth/permissions";
import { deleteGroupMappingAction } from "../actions";
import { ActionError } from "./action-error";
import { ConfirmDialog } from "./confirm-dialog";
import { btnDangerOutline } from "./ui";

/** Deletes one mapping after a confirmation; warns louder when it grants admin powers. */
export function DeleteMappingButton({ id, groupName, role }: { id: string; groupName: string; role: Role }) {
  const t = useTranslations("admin.mappings");
  const tr = useTranslations("common.roleNames");
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  const vars = { group: groupName, role: tr(role) };
  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={t("delete")}
        triggerLabel={t("deleteLabel", vars)}
        triggerClassName={`${btnDangerOutline} px-2 py-1 text-xs`}
        title={t("deleteTitle")}
        body={<p>{t("deleteBody", vars)}</p>}
        // Warn when the mapping hands out the admin workspace (asked of the registry, not by role name).
        warning={roleHas(role, "workspace.admin") ? t("deleteAdminWarning") : undefined}
        confirmLabel={t("deleteConfirm")}
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            setError(null);
            const r = await deleteGroupMappingAction({ id });
            if (!r.ok) setError(r.error);
          })
        }
        testId="delete-mapping"
      />
      <div aria-live="polite">{error && <ActionError error={error} className="py-1 text-xs" />}</div>
    </div>
  );
}
