import Link from "next/link";
import { getTranslations } from "next-intl/server";

const TABS = [
  { key: "overview", href: "/analytics" },
  { key: "trends", href: "/analytics/trends" },
  { key: "posts", href: "/analytics/posts" },
  { key: "response", href: "/analytics/response" },
  { key: "paid", href: "/analytics/paid" },
  { key: "reports", href: "/analytics/reports" },
] as const;

/** The workspace's sections; the filter's query string goes along so the period stays the same. */
export async function AnalyticsTabs({ current, query = "" }: { current: (typeof TABS)[number]["key"]; query?: string }) {
  const t = await getTranslations("analytics.tabs");
  return (
    <nav aria-label={t("label")} className="-mt-2 mb-4 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1 text-sm">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={query && tab.key !== "reports" ? `${tab.href}?${query}` : tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              className="block whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-700 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800"
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
