"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ACCEPT_ATTRIBUTE, FORMAT_INFO, inspectMedia, maxBytesFor } from "@/lib/domain/media";
import { ASSET_SOURCES, type AssetSource } from "@/lib/domain/asset-metadata";
import { btnPrimary, input, label } from "../../posts/_components/ui";

type Failure = { code: string; fields?: Record<string, string[]> };

/**
 * Upload with the rights metadata. The file is checked in the browser with the same pure function
 * the server runs (lib/domain/media.ts) so a wrong file is refused before it is sent; the server
 * checks everything again. Sent as multipart with XMLHttpRequest, for a progress bar on large videos.
 */
export function UploadForm({ brands, defaultBrandId }: { brands: { id: string; name: string }[]; defaultBrandId?: string }) {
  const t = useTranslations("assets");
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  const [source, setSource] = useState<AssetSource>("own");
  const [likeness, setLikeness] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const busy = progress !== null;

  const errorText = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.network"));
  const fieldError = (field: string) => failure?.fields?.[field]?.[0];

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFailure(null);
    setDone(null);
    const fd = new FormData(e.currentTarget);
    const file = fd.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFailure({ code: "file_required", fields: { file: ["file_required"] } });
      return;
    }
    // The same check as the server's, before sending anything.
    const local = inspectMedia(new Uint8Array(await file.arrayBuffer()), { fileName: file.name, declaredType: file.type });
    if (!local.ok) {
      const f = local.format;
      const detail =
        local.reason === "too_large" && f
          ? t("upload.tooLargeLocal", { size: (file.size / 1048576).toFixed(1), kind: t(`kinds.${FORMAT_INFO[f].kind}`), max: Math.round(maxBytesFor(f) / 1048576) })
          : null;
      setFailure({ code: detail ? "__local" : local.reason, fields: { file: [detail ?? local.reason] } });
      return;
    }
    if (!likeness) fd.delete("hasLikeness");
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/assets/upload");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgress(Math.round((ev.loaded / ev.total) * 100));
    xhr.onerror = () => {
      setProgress(null);
      setFailure({ code: "network" });
    };
    xhr.onload = () => {
      setProgress(null);
      const body = xhr.response as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
      if (xhr.status === 201) {
        setDone(file.name);
        form.current?.reset();
        setSource("own");
        setLikeness(false);
        router.refresh();
        return;
      }
      const message = body?.error?.message ?? "network";
      setFailure({ code: message, fields: body?.error?.fieldErrors ?? (xhr.status === 413 ? { file: ["too_large"] } : undefined) });
    };
    xhr.send(fd);
  }

  const fileError = fieldError("file");
  return (
    <form ref={form} onSubmit={submit} className="grid gap-3 md:grid-cols-2" data-testid="asset-upload" noValidate>
      <div className="md:col-span-2">
        <label htmlFor={`${id}-file`} className={label}>
          {t("upload.file")}
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          required
          disabled={busy}
          aria-describedby={`${id}-file-hint`}
          aria-invalid={!!fileError}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-brand-800 hover:file:bg-brand-100"
        />
        <p id={`${id}-file-hint`} className="mt-1 text-xs text-slate-500">
          {t("upload.description")}
        </p>
        {fileError && (
          <p className="mt-1 text-sm text-red-700" role="alert" data-testid="upload-error">
            {failure?.code === "__local" ? fileError : errorText(fileError)}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-brand`} className={label}>
          {t("upload.brand")}
        </label>
        <select id={`${id}-brand`} name="brandId" className={input} defaultValue={defaultBrandId ?? ""} required disabled={busy}>
          <option value="" disabled>
            {t("upload.brandPlaceholder")}
          </option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        {fieldError("brandId") && <p className="mt-1 text-sm text-red-700">{errorText(fieldError("brandId")!)}</p>}
      </div>
      <div>
        <label htmlFor={`${id}-source`} className={label}>
          {t("upload.source")}
        </label>
        <select
          id={`${id}-source`}
          name="source"
          className={input}
          value={source}
          disabled={busy}
          aria-describedby={`${id}-source-hint`}
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
        <p id={`${id}-source-hint`} className="mt-1 text-xs text-slate-500">
          {t("sourcesHint")}
        </p>
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${id}-licence`} className={label}>
          {t("upload.licence")}
        </label>
        <textarea
          id={`${id}-licence`}
          name="licence"
          rows={2}
          maxLength={500}
          className={input}
          disabled={busy}
          required={source !== "own"}
          aria-describedby={`${id}-licence-hint`}
          aria-invalid={!!fieldError("licence")}
        />
        <p id={`${id}-licence-hint`} className="mt-1 text-xs text-slate-500">
          {t("upload.licenceHint")}
        </p>
        {fieldError("licence") && <p className="mt-1 text-sm text-red-700">{errorText(fieldError("licence")!)}</p>}
      </div>
      <div>
        <label htmlFor={`${id}-expiry`} className={label}>
          {t("upload.licenceExpiresOn")}
        </label>
        <input id={`${id}-expiry`} name="licenceExpiresOn" type="date" className={input} disabled={busy} aria-describedby={`${id}-expiry-hint`} />
        <p id={`${id}-expiry-hint`} className="mt-1 text-xs text-slate-500">
          {t("upload.licenceExpiresHint")}
        </p>
        {fieldError("licenceExpiresOn") && <p className="mt-1 text-sm text-red-700">{errorText(fieldError("licenceExpiresOn")!)}</p>}
      </div>
      <div>
        <label className="mt-5 inline-flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="hasLikeness" value="true" checked={likeness} disabled={busy} onChange={(e) => setLikeness(e.target.checked)} aria-describedby={`${id}-likeness-hint`} />
          {t("upload.likeness")}
        </label>
        <p id={`${id}-likeness-hint`} className="mt-1 text-xs text-slate-500">
          {t("upload.likenessHint")}
        </p>
        {fieldError("hasLikeness") && <p className="mt-1 text-sm text-red-700">{errorText(fieldError("hasLikeness")!)}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2" aria-live="polite">
        <button type="submit" className={btnPrimary} disabled={busy} data-testid="asset-upload-submit">
          {t("upload.submit")}
        </button>
        {busy && (
          <span className="flex items-center gap-2 text-sm text-slate-700" data-testid="upload-progress">
            <progress max={100} value={progress ?? 0} className="h-2 w-40" aria-label={t("upload.uploading", { percent: progress ?? 0 })} />
            {progress !== null && progress >= 100 ? t("upload.processing") : t("upload.uploading", { percent: progress ?? 0 })}
          </span>
        )}
        {done && (
          <span className="text-sm text-emerald-800" data-testid="upload-done">
            {t("upload.done", { name: done })}
          </span>
        )}
        {failure && !fileError && !failure.fields && (
          <span className="text-sm text-red-700" role="alert" data-testid="upload-error">
            {errorText(failure.code)}
          </span>
        )}
      </div>
    </form>
  );
}
