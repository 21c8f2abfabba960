"use client";

import { useEffect, useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/define-action";
import type { PublicError } from "@/lib/errors";
import type { BrandRule } from "@/lib/domain/brand-rules";
import type { RiskTerm } from "@/lib/domain/risk";
import { runChecksForPost, type PostChecksResult, type VariantMedia } from "@/lib/domain/checks";
import { formatOfMime } from "@/lib/domain/media";
import type { AssetDto } from "@/lib/dal/assets";
import { NetworkMediaPreview } from "@/components/media/network-preview";
import { measure, type Platform } from "@/lib/domain/text-length";
import { createDraftAction, saveRevisionAction, submitForReviewAction } from "../../actions";
import { ChecksPanel, useFindingText } from "./checks-panel";
import { MediaPicker } from "./media-picker";
import { btnPrimary, btnSecondary, input, label } from "./ui";

export type EditorChannel = { id: string; brandId: string; brandName: string; platform: Platform; displayName: string };
export type EditorConfig = { lexicon: RiskTerm[]; rules: BrandRule[] };
export type EditorInitial = {
  postId: string;
  revisionId: string;
  title: string;
  brandId: string;
  isCommercial: boolean;
  variants: { channelId: string; text: string; mediaAssetIds: string[] }[];
};

type Snapshot = { title: string; brandId: string; isCommercial: boolean; channelIds: string[]; texts: Record<string, string>; media: Record<string, string[]> };
type Saved = { postId: string; revisionId: string; number: number; isNewRevision: boolean };

/** How long typing must pause before the checks run again. */
const CHECKS_DEBOUNCE_MS = 250;

function snapshotOf(initial: EditorInitial | null): Snapshot {
  if (!initial) return { title: "", brandId: "", isCommercial: false, channelIds: [], texts: {}, media: {} };
  return {
    title: initial.title,
    brandId: initial.brandId,
    isCommercial: initial.isCommercial,
    channelIds: initial.variants.map((v) => v.channelId),
    texts: Object.fromEntries(initial.variants.map((v) => [v.channelId, v.text])),
    media: Object.fromEntries(initial.variants.map((v) => [v.channelId, [...v.mediaAssetIds]])),
  };
}

function sameContent(a: Snapshot, b: Snapshot): boolean {
  return (
    a.title.trim() === b.title.trim() &&
    a.isCommercial === b.isCommercial &&
    a.channelIds.join() === b.channelIds.join() &&
    a.channelIds.every((id) => (a.texts[id] ?? "") === (b.texts[id] ?? "") && (a.media[id] ?? []).join() === (b.media[id] ?? []).join())
  );
}

/**
 * The drafting editor: title, brand, channels, the commercial flag and one text per channel, with a
 * live counter per network, debounced checks (the same pure functions the server runs at submit)
 * and plain-text previews. A new post is created on the first save; later saves add revisions
 * with optimistic concurrency (expectedRevisionId).
 */
export function PostEditor({
  channels,
  configs,
  initial,
  isEditable,
  canSubmit,
  assets = [],
}: {
  channels: EditorChannel[];
  configs: Record<string, EditorConfig>;
  initial: EditorInitial | null;
  isEditable: boolean;
  canSubmit: boolean;
  /** The pickable assets and those the post already uses (archived ones too). */
  assets?: AssetDto[];
}) {
  const t = useTranslations("studio");
  const tc = useTranslations("common");
  const router = useRouter();
  const ids = { title: useId(), brand: useId(), commercial: useId() };
  const [form, setForm] = useState<Snapshot>(() => snapshotOf(initial));
  const [baseline, setBaseline] = useState<Snapshot>(() => snapshotOf(initial));
  const [revisionId, setRevisionId] = useState(initial?.revisionId ?? null);
  const [error, setError] = useState<PublicError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [checked, setChecked] = useState<Snapshot>(form);
  // Licence expiry is judged against the time the editor opened (the server judges again at submit).
  const [now] = useState(() => Date.now());
  const assetById = useMemo(() => new Map(assets.map((a) => [a.id, a])), [assets]);
  const findingText = useFindingText();

  useEffect(() => {
    const timer = setTimeout(() => setChecked(form), CHECKS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form]);

  const brands = useMemo(() => [...new Map(channels.map((c) => [c.brandId, c.brandName])).entries()], [channels]);
  const brandChannels = channels.filter((c) => c.brandId === form.brandId);
  const channelById = useMemo(() => new Map(channels.map((c) => [c.id, c])), [channels]);
  const selected = form.channelIds.map((id) => channelById.get(id)).filter((c): c is EditorChannel => !!c);

  const checks: PostChecksResult | null = useMemo(() => {
    const cfg = configs[checked.brandId];
    const variants = checked.channelIds.flatMap((id) => {
      const c = channelById.get(id);
      return c ? [{ platform: c.platform, text: checked.texts[id] ?? "", media: (checked.media[id] ?? []).map((m) => mediaOf(assetById.get(m), m)) }] : [];
    });
    if (!cfg || variants.length === 0) return null;
    const sel = variants.map((v) => v.media);
    const third = sel.flat().some((m) => !("missing" in m) && assetById.get(m.id)?.source !== "own");
    const likeness = sel.flat().some((m) => !("missing" in m) && assetById.get(m.id)?.hasLikeness);
    return runChecksForPost({
      brandId: checked.brandId,
      isCommercial: checked.isCommercial,
      lexicon: cfg.lexicon,
      rules: cfg.rules,
      hasThirdPartyAsset: third,
      hasLikeness: likeness,
      now: new Date(now),
      variants,
    });
  }, [checked, configs, channelById, assetById, now]);

  const isDirty = !sameContent(form, baseline);
  const disabled = !isEditable || pending;

  function update(patch: Partial<Snapshot>) {
    setForm((f) => ({ ...f, ...patch }));
    setNotice(null);
  }

  function toggleChannel(id: string, on: boolean) {
    setForm((f) => ({ ...f, channelIds: on ? [...f.channelIds, id] : f.channelIds.filter((x) => x !== id) }));
  }

  function errorText(err: PublicError): string {
    const key = `errors.${err.message}`;
    return t.has(key) ? t(key) : tc(`errors.${err.code}`);
  }

  function save() {
    setError(null);
    setNotice(null);
    const variants = form.channelIds.map((channelId) => ({ channelId, text: form.texts[channelId] ?? "", mediaAssetIds: form.media[channelId] ?? [] }));
    const snapshot = form;
    startTransition(async () => {
      const r = (
        initial && revisionId
          ? await saveRevisionAction({ postId: initial.postId, expectedRevisionId: revisionId, title: form.title, isCommercial: form.isCommercial, variants })
          : await createDraftAction({ brandId: form.brandId, title: form.title, isCommercial: form.isCommercial, variants })
      ) as ActionResult<Saved>;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      if (!initial) {
        router.push(`/studio/posts/${r.data.postId}`);
        return;
      }
      setRevisionId(r.data.revisionId);
      setBaseline(snapshot);
      setNotice(r.data.isNewRevision ? t("editor.saved", { number: r.data.number }) : t("editor.unchanged"));
      router.refresh();
    });
  }

  function submit() {
    setError(null);
    setNotice(null);
    if (!initial || !revisionId) return;
    if (isDirty) {
      setNotice(t("editor.unsavedSubmit"));
      return;
    }
    startTransition(async () => {
      const r = (await submitForReviewAction({ postId: initial.postId, revisionId })) as ActionResult;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setNotice(t("editor.submitted"));
      router.refresh();
    });
  }

  const refusedVariants = error?.message === "checks_blocking" ? Object.keys(error.fieldErrors ?? {}).map((k) => Number(k.split(".")[1])) : [];

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        data-testid="post-editor"
        noValidate
      >
        <div>
          <label htmlFor={ids.title} className={label}>
            {t("editor.title")}
          </label>
          <input id={ids.title} className={input} value={form.title} maxLength={200} disabled={disabled} onChange={(e) => update({ title: e.target.value })} />
        </div>
        <div>
          <label htmlFor={ids.brand} className={label}>
            {t("editor.brand")}
          </label>
          <select
            id={ids.brand}
            className={input}
            value={form.brandId}
            disabled={disabled || !!initial}
            onChange={(e) => update({ brandId: e.target.value, channelIds: [] })}
          >
            <option value="" disabled>
              {t("editor.brandPlaceholder")}
            </option>
            {brands.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {form.brandId && (
          <fieldset>
            <legend className={label}>{t("editor.channels")}</legend>
            <p className="mb-1 text-xs text-slate-500">{t("editor.channelsHint")}</p>
            {brandChannels.length === 0 ? (
              <p className="text-sm text-slate-500">{t("editor.noChannels")}</p>
            ) : (
              <div className="flex flex-wrap gap-3">
                {brandChannels.map((c) => (
                  <label key={c.id} className="inline-flex items-center gap-1.5 text-sm text-slate-800">
                    <input type="checkbox" checked={form.channelIds.includes(c.id)} disabled={disabled} onChange={(e) => toggleChannel(c.id, e.target.checked)} />
                    {tc(`platforms.${c.platform}`)} · {c.displayName}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        )}
        <div>
          <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              checked={form.isCommercial}
              disabled={disabled}
              aria-describedby={`${ids.commercial}-hint`}
              onChange={(e) => update({ isCommercial: e.target.checked })}
            />
            {t("editor.commercial")}
          </label>
          <p id={`${ids.commercial}-hint`} className="mt-1 text-xs text-slate-500">
            {t("editor.commercialHint")}
          </p>
        </div>
        {selected.map((c) => (
          <div key={c.id} className="rounded-lg border border-slate-100 p-3">
            <VariantField channel={c} text={form.texts[c.id] ?? ""} disabled={disabled} onChange={(text) => update({ texts: { ...form.texts, [c.id]: text } })} />
            <MediaPicker
              platform={c.platform}
              networkName={tc(`platforms.${c.platform}`)}
              channelName={c.displayName}
              brandId={form.brandId}
              selected={form.media[c.id] ?? []}
              assets={assets}
              assetById={assetById}
              now={now}
              disabled={disabled}
              onChange={(ids) => update({ media: { ...form.media, [c.id]: ids } })}
            />
          </div>
        ))}

        <div aria-live="polite" className="space-y-2">
          {error && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="editor-error">
              <p>{errorText(error)}</p>
              {refusedVariants.length > 0 && checks && (
                <ul className="mt-1 list-disc pl-5">
                  {refusedVariants.flatMap((i) => {
                    const c = selected[i];
                    return (checks.variants[i]?.blockingFindings ?? []).map((f, j) => (
                      <li key={`${i}-${j}`}>
                        {c ? `${tc(`platforms.${c.platform}`)}: ` : ""}
                        {findingText(f)}
                      </li>
                    ));
                  })}
                </ul>
              )}
              {error.requestId && error.code === "INTERNAL" && <span className="mt-1 block font-mono text-xs">{tc("errors.requestId", { id: error.requestId })}</span>}
            </div>
          )}
          {notice && (
            <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="editor-notice">
              {notice}
            </p>
          )}
        </div>

        {isEditable && (
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={btnPrimary} disabled={pending || !form.brandId || form.channelIds.length === 0} data-testid="editor-save">
              {pending ? t("editor.saving") : t("editor.save")}
            </button>
            {initial && canSubmit && (
              <button type="button" className={btnSecondary} disabled={pending} onClick={submit} data-testid="editor-submit">
                {t("editor.submit")}
              </button>
            )}
          </div>
        )}
      </form>

      <div className="space-y-4">
        <ChecksPanel checks={checks} channels={selected} />
        <section aria-labelledby={`${ids.title}-previews`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id={`${ids.title}-previews`} className="mb-3 text-sm font-semibold text-slate-900">
            {t("editor.previews")}
          </h2>
          <div className="space-y-3">
            {selected.map((c) => (
              <article key={c.id} className="rounded-lg border border-slate-200 p-3" aria-label={t("editor.previewAs", { network: tc(`platforms.${c.platform}`) })} data-testid={`preview-${c.platform}`}>
                <p className="mb-1 text-xs font-semibold text-slate-600">
                  {tc(`platforms.${c.platform}`)} · {c.displayName}
                </p>
                {/* Rendered as text: React escapes it, so nothing typed here becomes markup. */}
                <p className="whitespace-pre-wrap break-words text-sm text-slate-900">{checked.texts[c.id] || t("editor.previewEmpty")}</p>
                {(checked.media[c.id] ?? []).length > 0 && (
                  <div className="mt-2">
                    <NetworkMediaPreview platform={c.platform} items={(checked.media[c.id] ?? []).map((m) => assetById.get(m) ?? { id: m, missing: true as const })} />
                  </div>
                )}
              </article>
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}

/** What the checks know of an asset (the same facts the server reads); an unknown id blocks as unavailable. */
function mediaOf(a: AssetDto | undefined, id: string): VariantMedia {
  const format = a ? formatOfMime(a.mimeType) : null;
  if (!a || !format) return { id, missing: true };
  return { id, kind: a.kind, format, sizeBytes: a.sizeBytes, width: a.width, height: a.height, durationMs: a.durationMs, licenceExpiresAt: a.licenceExpiresAt };
}

export function paramsOf(params: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? ""]));
}

function VariantField({ channel, text, disabled, onChange }: { channel: EditorChannel; text: string; disabled: boolean; onChange: (text: string) => void }) {
  const t = useTranslations("studio.editor");
  const tc = useTranslations("common");
  const id = useId();
  const network = tc(`platforms.${channel.platform}`);
  const m = measure(channel.platform, text);
  return (
    <div>
      <label htmlFor={id} className={label}>
        {t("variantText", { network, channel: channel.displayName })}
      </label>
      <textarea
        id={id}
        rows={5}
        className={input}
        value={text}
        maxLength={10_000}
        disabled={disabled}
        aria-describedby={`${id}-counter`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-counter`} className={`mt-1 text-xs tabular-nums ${m.withinLimit ? "text-slate-500" : "font-semibold text-red-700"}`} data-testid={`counter-${channel.platform}`}>
        <span data-testid={`counter-${channel.platform}-value`}>{m.length}</span> / {m.limit} {t(`counterUnit_${m.unit}`)}
        {!m.withinLimit && <> · {t("over", { over: m.overBy })}</>}
      </p>
    </div>
  );
}
