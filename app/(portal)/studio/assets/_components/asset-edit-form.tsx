"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PublicError } from "@/lib/errors";
import { ASSET_SOURCES, type AssetSource } from "@/lib/domain/asset-metadata";
import { setAssetArchivedAction, updateAssetAction } from "../actions";
import { btnPrimary, btnSecondary, input, label } from "../../posts/_components/ui";

export type EditableAsset = { id: string; brandId: string | null; source: AssetSource; licence: string | null; licenceExpiresOn: string | null; hasLikeness: boolean; archived: boolean };

/** Correct an asset's brand and rights (audited), and archive or restore it. */
export function AssetEditForm({ asset, brands }: { asset: EditableAsset; brands: { id: string; name: string }[] }) {
  const t = useTranslations("assets");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [brandId, setBrandId] = useState(asset.brandId ?? "");
  const [source, setSource] = useState<AssetSource>(asset.source);
  const [licence, setLicence] = useState(asset.licence ?? "");
  const [expiry, setExpiry] = useState(asset.licenceExpiresOn ?? "");
  const [likeness, setLikeness] = useState(asset.hasLikeness);
  const [error, setError] = useState<PublicError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const fieldError = (f: string) => {
    const code = error?.fieldErrors?.[f]?.[0];
    return code ? (t.has(`errors.${code}`) ? t(`errors.${code}`) : tc(`errors.${error!.code}`)) : null;
  };

  function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    start(async () => {
      const r = (await updateAssetAction({ id: asset.id, brandId, source, licence, licenceExpiresOn: expiry || null, hasLikeness: likeness })) as ActionResult;
      if (!r.ok) return setError(r.error);
      setNotice(t("detail.saved"));
      router.refresh();
    });
  }

  function archive(archived: boolean) {
    setError(null);
    setNotice(null);
    start(async () => {
      const r = (await setAssetArchivedAction({ id: asset.id, archived })) as ActionResult;
      if (!r.ok) return setError(r.error);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={save} className="space-y-3" data-testid="asset-edit" noValidate>
        <p className="text-xs text-slate-500">{t("detail.editHint")}</p>
        <div>
          <label htmlFor={`${id}-brand`} className={label}>
            {t("upload.brand")}
          </label>
          <select id={`${id}-brand`} className={input} value={brandId} onChange={(e) => setBrandId(e.target.value)} disabled={pending}>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-source`} className={label}>
            {t("upload.source")}
          </label>
          <select
            id={`${id}-source`}
            className={input}
            value={source}
            disabled={pending}
            onChange={(e) => {
              const s = e.target.value as AssetSource;
              setSource(s);
              if (s === "talent") setLikeness(true);
            }}
          >
            {ASSET_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`sources.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-licence`} className={label}>
            {t("upload.licence")}
          </label>
          <textarea id={`${id}-licence`} rows={2} maxLength={500} className={input} value={licence} onChange={(e) => setLicence(e.target.value)} disabled={pending} aria-invalid={!!fieldError("licence")} />
          {fieldError("licence") && <p className="mt-1 text-sm text-red-700">{fieldError("licence")}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-expiry`} className={label}>
            {t("upload.licenceExpiresOn")}
          </label>
          <input id={`${id}-expiry`} type="date" className={input} value={expiry} onChange={(e) => setExpiry(e.target.value)} disabled={pending} />
          {fieldError("licenceExpiresOn") && <p className="mt-1 text-sm text-red-700">{fieldError("licenceExpiresOn")}</p>}
        </div>
        <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" checked={likeness} onChange={(e) => setLikeness(e.target.checked)} disabled={pending} />
          {t("upload.likeness")}
        </label>
        {fieldError("hasLikeness") && <p className="text-sm text-red-700">{fieldError("hasLikeness")}</p>}
        <div className="flex flex-wrap items-center gap-2" aria-live="polite">
          <button type="submit" className={btnPrimary} disabled={pending} data-testid="asset-save">
            {pending ? t("detail.saving") : t("detail.save")}
          </button>
          {notice && (
            <span className="text-sm text-emerald-800" data-testid="asset-notice">
              {notice}
            </span>
          )}
          {error && !error.fieldErrors && (
            <span className="text-sm text-red-700" role="alert">
              {tc(`errors.${error.code}`)}
            </span>
          )}
        </div>
      </form>
      <div className="border-t border-slate-100 pt-4">
        <p className="mb-2 text-xs text-slate-500">{t("detail.archiveHint")}</p>
        {asset.archived ? (
          <button type="button" className={btnSecondary} disabled={pending} onClick={() => archive(false)} data-testid="asset-restore">
            {t("detail.restore")}
          </button>
        ) : (
          <button type="button" className={btnSecondary} disabled={pending} onClick={() => archive(true)} data-testid="asset-archive">
            {t("detail.archive")}
          </button>
        )}
      </div>
    </div>
  );
}
