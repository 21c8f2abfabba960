import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listBrandRules, listRuleBrands } from "@/lib/dal/brand-rules";
import { BRAND_RULE_KINDS } from "@/lib/domain/governance-rules";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { card, th } from "../../admin/_components/ui";
import { RuleForm } from "./_components/rule-form";
import { RuleRow } from "./_components/rule-row";

export async function generateMetadata() {
  const tm = await getTranslations("rules.brandRules");
  return { title: tm("title") };
}

/** /manager/brand-rules — banned, required and preferred terms, per brand and company-wide (brand_rule.manage). */
export default async function BrandRulesPage() {
  const viewer = await requirePageViewer("brand_rule.manage");
  const [rules, brands] = await pageData(Promise.all([listBrandRules(viewer), listRuleBrands(viewer)]));
  const t = await getTranslations("rules");
  const groups = [{ id: null as string | null, name: t("brandRules.allBrands") }, ...brands]
    .map((b) => ({ ...b, rules: rules.filter((r) => r.brandId === b.id) }))
    .filter((g) => g.rules.length > 0);

  return (
    <div>
      <PageHeader title={t("brandRules.title")} subtitle={t("brandRules.lead")} />
      <section className={`${card} mb-6 p-4`} aria-labelledby="rule-add-title">
        <h2 id="rule-add-title" className="mb-3 font-semibold">{t("brandRules.addTitle")}</h2>
        <RuleForm brands={brands} />
      </section>
      <p className="mb-2 text-sm text-slate-600" data-testid="rule-count">{t("brandRules.count", { count: rules.length })}</p>
      {groups.length === 0 ? (
        <div data-testid="rules-empty">
          <EmptyState icon="∅">
            <span>
              <strong className="block text-slate-700">{t("brandRules.empty")}</strong>
              {t("brandRules.emptyHint")}
            </span>
          </EmptyState>
        </div>
      ) : (
        <div className="space-y-6">
          {groups.map((g) => (
            <section key={g.id ?? "all"} className={card} aria-labelledby={`brand-${g.id ?? "all"}`} data-testid="rule-brand-group">
              <h2 id={`brand-${g.id ?? "all"}`} className="border-b border-slate-200 px-4 py-2 font-semibold">{g.name}</h2>
              {BRAND_RULE_KINDS.map((kind) => {
                const list = g.rules.filter((r) => r.kind === kind);
                if (list.length === 0) return null;
                return (
                  <div key={kind} className="overflow-x-auto border-b border-slate-100 last:border-b-0">
                    <table className="min-w-full divide-y divide-slate-200" data-testid={`rules-${kind}`}>
                      <caption className="px-4 pt-3 text-left text-sm font-medium text-slate-700">{t(`kinds.${kind}`)}</caption>
                      <thead className="bg-slate-50">
                        <tr>
                          <th scope="col" className={`${th} w-1/4`}>{t("brandRules.term")}</th>
                          <th scope="col" className={`${th} w-1/5`}>{t("brandRules.replacement")}</th>
                          <th scope="col" className={th}>{t("brandRules.note")}</th>
                          <th scope="col" className={`${th} w-40`}>{t("common.actions")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100 bg-white">
                        {list.map((r) => (
                          <RuleRow key={r.id} rule={r} brands={brands} />
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
