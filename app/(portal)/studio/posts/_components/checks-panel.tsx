"use client";

import { useTranslations } from "next-intl";
import type { CheckFinding, ChecksResult, PostChecksResult } from "@/lib/domain/checks";
import type { EditorChannel } from "./post-editor";

function params(p: CheckFinding["params"]): Record<string, string | number> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? ""]));
}

/** A finding's translated text: media findings live in the asset library's messages (dates as dates). */
export function useFindingText() {
  const t = useTranslations("studio.checks");
  const ta = useTranslations("assets.findings");
  return (f: CheckFinding) => {
    if (f.source !== "media") return t(`codes.${f.code}`, params(f.params));
    const p: Record<string, string | number | Date> = params(f.params);
    if (typeof f.params.expiresAt === "string") p.expiresAt = new Date(f.params.expiresAt);
    return ta(f.code, p);
  };
}

const SEVERITY_STYLE = {
  blocking: "border-red-400 bg-red-50 text-red-900",
  warning: "border-amber-400 bg-amber-50 text-amber-900",
  info: "border-slate-300 bg-slate-50 text-slate-700",
} as const;

/** The live checks of the editor: per channel the blocking findings, warnings, risk and disclosure; then Legal for the post. */
export function ChecksPanel({ checks, channels }: { checks: PostChecksResult | null; channels: EditorChannel[] }) {
  const t = useTranslations("studio.checks");
  const tc = useTranslations("common");
  return (
    <section aria-labelledby="checks-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="checks-panel">
      <h2 id="checks-title" className="text-sm font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mb-3 text-xs text-slate-500">{t("hint")}</p>
      {!checks ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <div className="space-y-4" aria-live="polite">
          <div
            className={`rounded-md border px-3 py-2 text-sm ${checks.requiresLegalReview ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 text-slate-700"}`}
            data-testid="checks-legal"
          >
            {checks.requiresLegalReview ? (
              <>
                <p className="font-semibold">{t("legalRequired")}</p>
                <ul className="list-disc pl-5">
                  {checks.legalReasons.map((r) => (
                    <li key={r}>{t(`legalReasons.${r}`)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t("legalNotRequired")}</p>
            )}
          </div>
          {checks.variants.map((v, i) => {
            const c = channels[i];
            return c ? <VariantChecks key={c.id} result={v} network={tc(`platforms.${c.platform}`)} platform={c.platform} /> : null;
          })}
        </div>
      )}
    </section>
  );
}

function VariantChecks({ result, network, platform }: { result: ChecksResult; network: string; platform: string }) {
  const t = useTranslations("studio.checks");
  const findingText = useFindingText();
  const groups = [
    { key: "blocking", items: result.findings.filter((f) => f.severity === "blocking") },
    { key: "warnings", items: result.findings.filter((f) => f.severity === "warning") },
    { key: "info", items: result.findings.filter((f) => f.severity === "info") },
  ] as const;
  const level = result.risk.level;
  const d = result.disclosure;
  return (
    <div className="space-y-2" data-testid={`checks-${platform}`}>
      <h3 className="text-sm font-semibold text-slate-800">{network}</h3>
      {result.blocking ? null : <p className="text-xs text-emerald-700">{t("noBlocking")}</p>}
      {groups.map((g) =>
        g.items.length === 0 ? null : (
          <div key={g.key}>
            <h4 className="text-xs font-medium text-slate-600">{t(g.key)}</h4>
            <ul className="mt-1 space-y-1">
              {g.items.map((f, i) => (
                <li key={i} className={`rounded-md border-l-4 px-2 py-1 text-sm ${SEVERITY_STYLE[f.severity]}`} data-testid={`finding-${f.code}`}>
                  {findingText(f)}
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      <div className="text-sm text-slate-700" data-testid={`risk-${platform}`}>
        <p>{t("riskScore", { score: result.risk.score, level: t(`riskLevels.${level}`) })}</p>
        {result.risk.matches.length > 0 && (
          <ul className="list-disc pl-5 text-xs">
            {result.risk.matches.map((m) => (
              <li key={`${m.term}-${m.category}`}>
                {t("matched", { terms: [...new Set(m.spans.map((s) => s.text))].join("、") || m.term })} · {m.category} · {m.weight}
                {m.count > 1 ? ` ×${m.count}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="text-sm text-slate-700" data-testid={`disclosure-${platform}`}>
        <span className="font-medium">{t("disclosure")}: </span>
        {d.status === "not_applicable"
          ? t("disclosure_not_applicable")
          : d.status === "pass"
            ? t("disclosure_pass", { label: d.label.text })
            : t(`disclosureFail.${d.reason}`, { label: d.label?.text ?? "" })}
      </p>
    </div>
  );
}
