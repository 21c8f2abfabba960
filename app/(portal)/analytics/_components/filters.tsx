import "server-only";
import { getTranslations } from "next-intl/server";
import { pageData } from "@/lib/auth/page-guard";
import { parseAnalyticsFilter, type AnalyticsFilter } from "@/lib/domain/analytics-filters";
import { getAnalyticsFilterOptions, type AnalyticsFilterOptions } from "@/lib/dal/analytics-posts";
import type { Viewer } from "@/lib/dal/viewer";
import { FilterBar } from "./filter-bar";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The page's filter from its URL, checked against the brands and channels that exist (an unknown
 * brand or channel, or a channel outside the chosen brand, is dropped and reported, not a 404).
 */
export async function loadAnalyticsFilter(viewer: Viewer, searchParams: SearchParams, now = new Date()) {
  const raw = await searchParams;
  const options = await pageData(getAnalyticsFilterOptions(viewer));
  const parsed = parseAnalyticsFilter(raw, now);
  const errors = parsed.ok ? [] : Object.keys(parsed.errors);
  const filter: AnalyticsFilter = { ...parsed.filter };
  if (filter.brandId && !options.brands.some((b) => b.id === filter.brandId)) {
    filter.brandId = null;
    errors.push("brand");
  }
  const ch = filter.channelId ? options.channels.find((c) => c.id === filter.channelId) : null;
  if (filter.channelId && (!ch || (filter.brandId && ch.brandId !== filter.brandId))) {
    filter.channelId = null;
    errors.push("channel");
  }
  const first = (k: string) => {
    const v = raw[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return { filter, options, errors: [...new Set(errors)], raw: first };
}

/** The filter bar for a page, with the ignored fields named in the reader's language. */
export async function Filters({
  basePath,
  filter,
  options,
  errors,
  keep,
}: {
  basePath: string;
  filter: AnalyticsFilter;
  options: AnalyticsFilterOptions;
  errors: string[];
  keep?: Record<string, string>;
}) {
  const t = await getTranslations("analytics.filters");
  return (
    <FilterBar
      basePath={basePath}
      preset={filter.preset}
      from={filter.from}
      to={filter.to}
      brandId={filter.brandId}
      channelId={filter.channelId}
      brands={options.brands}
      channels={options.channels}
      keep={keep}
      errors={errors.map((e) => (["range", "from", "to", "brand", "channel"].includes(e) ? t(`fields.${e}` as "fields.range") : e))}
    />
  );
}
