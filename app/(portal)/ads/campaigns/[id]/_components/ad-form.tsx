"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import { btnPrimary, input, label } from "../../../../admin/_components/ui";
import { addAdAction, updateCreativeAction } from "../../../actions";
import { AdsError } from "../../../_components/ads-error";

type Candidate = { revisionId: string; postTitle: string; revisionNumber: number; text: string };
const CTAS = ["", "LEARN_MORE", "SHOP_NOW", "SIGN_UP", "BOOK_NOW", "CONTACT_US"] as const;

/** A new ad in an ad set: boost an approved post, or write a creative (labelled, then reviewed by Legal). */
export function AdForm({ adSetId, candidates }: { adSetId: string; candidates: Candidate[] }) {
  const t = useTranslations("ads.adForm");
  const router = useRouter();
  const [kind, setKind] = useState<"boost" | "creative">(candidates.length ? "boost" : "creative");
  const [name, setName] = useState("");
  const [revisionId, setRevisionId] = useState(candidates[0]?.revisionId ?? "");
  const [c, setC] = useState({ text: "", headline: "", linkUrl: "", cta: "" });
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const textErr = error?.fieldErrors?.text?.[0];
  return (
    <form
      className="space-y-3 rounded-md border border-dashed border-slate-300 p-3"
      data-testid="ad-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const r = kind === "boost" ? await addAdAction({ sourceKind: "boost", adSetId, name, postRevisionId: revisionId }) : await addAdAction({ sourceKind: "creative", adSetId, name, ...c });
          if (!r.ok) return setError(r.error);
          setName("");
          setC({ text: "", headline: "", linkUrl: "", cta: "" });
          router.refresh();
        });
      }}
    >
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">{t("kind")}</legend>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name={`${id}-kind`} checked={kind === "boost"} onChange={() => setKind("boost")} data-testid="ad-kind-boost" /> {t("boost")}
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name={`${id}-kind`} checked={kind === "creative"} onChange={() => setKind("creative")} data-testid="ad-kind-creative" /> {t("creative")}
        </label>
      </fieldset>
      <div>
        <label htmlFor={`${id}-name`} className={label}>{t("name")}</label>
        <input id={`${id}-name`} className={input} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="ad-name" />
      </div>
      {kind === "boost" ? (
        candidates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noCandidates")}</p>
        ) : (
          <div>
            <label htmlFor={`${id}-post`} className={label}>{t("post")}</label>
            <select id={`${id}-post`} className={input} value={revisionId} onChange={(e) => setRevisionId(e.target.value)} data-testid="ad-post">
              {candidates.map((p) => (
                <option key={p.revisionId} value={p.revisionId}>
                  {t("postOption", { title: p.postTitle, n: p.revisionNumber })}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-500">{candidates.find((p) => p.revisionId === revisionId)?.text}</p>
            <p className="mt-1 text-xs text-slate-500">{t("boostHint")}</p>
          </div>
        )
      ) : (
        <CreativeFields id={id} c={c} setC={setC} textErr={textErr} />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="ad-submit">
          {pending ? t("adding") : kind === "boost" ? t("addBoost") : t("sendToLegal")}
        </button>
        <span aria-live="polite">
          <AdsError error={error} />
        </span>
      </div>
    </form>
  );
}

function CreativeFields({ id, c, setC, textErr }: { id: string; c: { text: string; headline: string; linkUrl: string; cta: string }; setC: (c: { text: string; headline: string; linkUrl: string; cta: string }) => void; textErr?: string }) {
  const t = useTranslations("ads.adForm");
  const reason = textErr?.startsWith("disclosure.") ? textErr.slice("disclosure.".length) : null;
  return (
    <>
      <div>
        <label htmlFor={`${id}-text`} className={label}>{t("text")}</label>
        <textarea id={`${id}-text`} rows={3} className={input} value={c.text} maxLength={2000} onChange={(e) => setC({ ...c, text: e.target.value })} aria-invalid={!!textErr} aria-describedby={`${id}-text-hint`} data-testid="ad-text" />
        <p id={`${id}-text-hint`} className={`mt-1 text-xs ${reason ? "text-red-700" : "text-slate-500"}`} role={reason ? "alert" : undefined}>
          {reason ? t(`disclosure.${reason}` as "disclosure.no_label") : t("disclosureHint")}
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-h`} className={label}>{t("headline")}</label>
          <input id={`${id}-h`} className={input} value={c.headline} maxLength={80} onChange={(e) => setC({ ...c, headline: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-l`} className={label}>{t("linkUrl")}</label>
          <input id={`${id}-l`} className={input} type="url" placeholder="https://" value={c.linkUrl} onChange={(e) => setC({ ...c, linkUrl: e.target.value })} />
        </div>
        <div>
          <label htmlFor={`${id}-c`} className={label}>{t("cta")}</label>
          <select id={`${id}-c`} className={input} value={c.cta} onChange={(e) => setC({ ...c, cta: e.target.value })}>
            {CTAS.map((x) => (
              <option key={x} value={x}>{x ? t(`ctas.${x}`) : t("noCta")}</option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}

/** Edit a creative: a new version goes back to Legal; a running ad pauses until it is cleared. */
export function CreativeEditor({ adId, initial, running }: { adId: string; initial: { text: string; headline: string; linkUrl: string; cta: string }; running: boolean }) {
  const t = useTranslations("ads.adForm");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [c, setC] = useState(initial);
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  if (!open)
    return (
      <button type="button" className="text-xs text-brand-700 underline" onClick={() => setOpen(true)} data-testid="edit-creative">
        {t("edit")}
      </button>
    );
  return (
    <form
      className="mt-2 space-y-3 rounded-md border border-slate-200 p-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const r = await updateCreativeAction({ adId, ...c });
          if (!r.ok) return setError(r.error);
          setOpen(false);
          router.refresh();
        });
      }}
    >
      {running && <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">{t("runningWarning")}</p>}
      <CreativeFields id={id} c={c} setC={setC} textErr={error?.fieldErrors?.text?.[0]} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="creative-save">
          {pending ? t("adding") : t("saveAndReview")}
        </button>
        <button type="button" className="text-sm text-slate-600 underline" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
        <AdsError error={error} />
      </div>
    </form>
  );
}
