"use client";

import { useId, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AssetDto } from "@/lib/dal/assets";
import type { Platform } from "@/lib/domain/text-length";
import { AssetBadges, AssetThumb } from "@/components/media/asset-badges";
import { btnPrimary, btnSecondary, input, label } from "./ui";

/**
 * The media of one network variant: the chosen assets in order (move earlier/later, remove) and a
 * modal dialog (native <dialog>: focus stays inside, Esc closes, focus returns to the button) with
 * the brand's assets as checkboxes — Tab and Space pick, Enter confirms. Every control is a
 * labelled button or checkbox, so the whole picker works from the keyboard.
 */
export function MediaPicker({
  platform,
  networkName,
  channelName,
  brandId,
  selected,
  assets,
  assetById,
  now,
  disabled,
  onChange,
}: {
  platform: Platform;
  networkName: string;
  channelName: string;
  brandId: string;
  selected: readonly string[];
  assets: readonly AssetDto[];
  assetById: ReadonlyMap<string, AssetDto>;
  now: number;
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations("assets");
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<string[]>([]);
  const [query, setQuery] = useState("");
  const offered = useMemo(() => assets.filter((a) => (a.brandId === brandId || a.brandId === null) && !a.archivedAt), [assets, brandId]);
  const shown = offered.filter((a) => !query.trim() || a.originalName.toLowerCase().includes(query.trim().toLowerCase()));

  function open() {
    setDraft([...selected]);
    setQuery("");
    dialog.current?.showModal();
  }
  function confirm() {
    onChange(draft);
    dialog.current?.close();
  }
  function move(i: number, by: -1 | 1) {
    const next = [...selected];
    const j = i + by;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  }

  return (
    <div className="mt-2" data-testid={`media-${platform}`}>
      <p id={`${id}-label`} className={label}>
        {t("picker.label")} <span className="font-normal text-slate-500">· {t("picker.hint", { network: networkName, rule: t(`rules.${platform}`) })}</span>
      </p>
      {selected.length === 0 ? (
        <p className="text-xs italic text-slate-500">{t("picker.none")}</p>
      ) : (
        <ol aria-labelledby={`${id}-label`} className="space-y-1.5" data-testid={`media-selected-${platform}`}>
          {selected.map((assetId, i) => {
            const a = assetById.get(assetId);
            const name = a?.originalName ?? t("media.missing", { id: assetId.slice(0, 8) });
            return (
              <li key={`${assetId}-${i}`} className="flex items-center gap-2 rounded-md border border-slate-200 p-1.5" data-asset-id={assetId}>
                <span className="w-5 text-center text-xs tabular-nums text-slate-500" aria-label={t("picker.position", { n: i + 1 })}>
                  {i + 1}
                </span>
                {a ? <AssetThumb asset={a} className="h-12 w-12" /> : <span className="h-12 w-12 rounded-md bg-red-50" />}
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-xs font-medium text-slate-800">{name}</span>
                  {a && <AssetBadges asset={a} now={now} />}
                </span>
                {!disabled && (
                  <span className="flex shrink-0 gap-1">
                    <button type="button" className={`${btnSecondary} px-2`} onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("picker.moveUp", { name })}>
                      ↑
                    </button>
                    <button type="button" className={`${btnSecondary} px-2`} onClick={() => move(i, 1)} disabled={i === selected.length - 1} aria-label={t("picker.moveDown", { name })}>
                      ↓
                    </button>
                    <button type="button" className={`${btnSecondary} px-2`} onClick={() => onChange(selected.filter((_, k) => k !== i))} aria-label={t("picker.remove", { name })}>
                      ×
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!disabled && (
        <button type="button" className={`${btnSecondary} mt-1.5`} onClick={open} data-testid={`media-add-${platform}`} aria-haspopup="dialog">
          {t("picker.add")}
        </button>
      )}

      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-hint`}
        className="m-auto w-[min(52rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        data-testid="media-dialog"
        onKeyDown={(e) => {
          // Enter on a checkbox confirms (a plain Enter does nothing on checkboxes otherwise).
          if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type === "checkbox") {
            e.preventDefault();
            confirm();
          }
        }}
      >
        <div className="flex max-h-[80vh] flex-col">
          <div className="border-b border-slate-100 px-4 py-3">
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {t("picker.dialogTitle", { network: `${networkName} · ${channelName}` })}
            </h2>
            <p id={`${id}-hint`} className="text-xs text-slate-500">
              {t("picker.dialogHint")} {t(`rules.${platform}`)}
            </p>
            <label className="mt-2 block">
              <span className="sr-only">{t("picker.search")}</span>
              <input type="search" className={input} placeholder={t("picker.search")} value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
          </div>
          <fieldset className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
            <legend className="sr-only">{t("picker.dialogTitle", { network: networkName })}</legend>
            {shown.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500">{offered.length === 0 ? t("picker.empty") : t("picker.emptyFilter")}</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2">
                {shown.map((a) => {
                  const checked = draft.includes(a.id);
                  return (
                    <li key={a.id}>
                      <label
                        className={`flex cursor-pointer items-center gap-2 rounded-md border p-2 focus-within:ring-2 focus-within:ring-brand-600 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}
                        data-testid="media-option"
                      >
                        <input
                          type="checkbox"
                          className="h-4 w-4"
                          checked={checked}
                          onChange={(e) => setDraft((d) => (e.target.checked ? [...d, a.id] : d.filter((x) => x !== a.id)))}
                        />
                        <AssetThumb asset={a} className="h-14 w-14" />
                        <span className="min-w-0">
                          <span className="block truncate text-sm text-slate-800">{a.originalName}</span>
                          <AssetBadges asset={a} now={now} />
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-4 py-3">
            <span className="text-xs text-slate-600" aria-live="polite">
              {t("picker.selected", { count: draft.length })} ·{" "}
              <Link href="/studio/assets" className="text-brand-700 underline-offset-2 hover:underline">
                {t("picker.library")}
              </Link>
            </span>
            <span className="flex gap-2">
              <button type="button" className={btnSecondary} onClick={() => dialog.current?.close()}>
                {t("picker.cancel")}
              </button>
              <button type="button" className={btnPrimary} onClick={confirm} data-testid="media-done">
                {t("picker.done")}
              </button>
            </span>
          </div>
        </div>
      </dialog>
    </div>
  );
}
