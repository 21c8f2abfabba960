import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listRiskTerms } from "@/lib/dal/risk-lexicon";
import { RISK_CATEGORIES, RISK_LANGS } from "@/lib/domain/governance-rules";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { card, th } from "../_components/ui";
import { TermForm } from "./_components/term-form";
import { TermRow } from "./_components/term-row";

export async function generateMetadata() {
  const tm = await getTranslations("rules.lexicon");
  return { title: tm("title") };
}

/** /admin/lexicon — the backlash-risk lexicon by category and language (risk_lexicon.manage). */
export default async function LexiconPage() {
  const viewer = await requirePageViewer("risk_lexicon.manage");
  const terms = await pageData(listRiskTerms(viewer));
  const t = await getTranslations("rules");
  const categories = [...new Set(terms.map((x) => x.category))];
  const known = new Set<string>(RISK_CATEGORIES);
  const catName = (c: string) => (known.has(c) ? t(`lexicon.categories.${c}` as "lexicon.categories.legal") : c);

  return (
    <div>
      <PageHeader title={t("lexicon.title")} subtitle={t("lexicon.lead")} />
      <section className={`${card} mb-6 p-4`} aria-labelledby="term-add-title">
        <h2 id="term-add-title" className="mb-3 font-semibold">{t("lexicon.addTitle")}</h2>
        <TermForm categories={categories} />
      </section>
      <p className="mb-2 text-sm text-slate-600" data-testid="term-count">{t("lexicon.count", { count: terms.length })}</p>
      {terms.length === 0 ? (
        <div data-testid="lexicon-empty">
          <EmptyState icon="∅">
            <span>
              <strong className="block text-slate-700">{t("lexicon.empty")}</strong>
              {t("lexicon.emptyHint")}
            </span>
          </EmptyState>
        </div>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {categories.map((c) => (
            <section key={c} className={card} aria-labelledby={`cat-${c}`} data-testid="lexicon-category">
              <h2 id={`cat-${c}`} className="border-b border-slate-200 px-4 py-2 font-semibold">
                {catName(c)} <span className="font-mono text-xs font-normal text-slate-500">{c}</span>
              </h2>
              {RISK_LANGS.map((lang) => {
                const list = terms.filter((x) => x.category === c && x.lang === lang);
                if (list.length === 0) return null;
                return (
                  <div key={lang} className="overflow-x-auto">
                    <table className="min-w-full divide-y divide-slate-200">
                      <caption className="px-4 pt-2 text-left text-xs font-medium text-slate-600">{t(`langs.${lang}`)}</caption>
                      <thead className="bg-slate-50">
                        <tr>
                          <th scope="col" className={th}>{t("lexicon.term")}</th>
                          <th scope="col" className={`${th} w-32`}>{t("lexicon.weight")}</th>
                          <th scope="col" className={`${th} w-40`}>{t("common.actions")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100 bg-white">
                        {list.map((x) => (
                          <TermRow key={x.id} term={x} categories={categories} />
                        ))}
                      </tbody>
                    </table>
                  </div>
                );
              })}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
