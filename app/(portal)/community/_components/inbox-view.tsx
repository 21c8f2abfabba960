"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { Badge } from "@/components/ui/badge";
import { MultiSelectPopover, type MultiSelectOption } from "@/components/ui/multi-select-popover";
import { filterToSearchParams, INBOX_KINDS, INBOX_STATUSES, SENTIMENTS, SLA_STATES, RISK_BANDS, type InboxFilter } from "@/lib/domain/inbox-query";
import { chunk, commandFor, moveIndex } from "@/lib/domain/inbox-shortcuts";
import type { InboxItemJson } from "@/lib/dal/inbox-json";
import { assignInboxAction, bulkInboxAction, escalateInboxAction, setInboxStatusAction } from "../actions";
import { EscalateDialog, ShortcutHelp, type EscalateInput } from "./inbox-dialogs";
import { KindBadge, PriorityChip, RiskChip, SentimentChip, SlaCountdown, StatusBadge, useNowTick } from "./inbox-ui";

export type InboxFacetsJson = { channels: { id: string; name: string; platform: string }[]; languages: string[]; teammates: { id: string; name: string }[] };

type Props = {
  initial: { items: InboxItemJson[]; nextCursor: string | null; generatedAt: string };
  filter: InboxFilter;
  facets: InboxFacetsJson;
  viewerId: string;
  can: { assign: boolean; escalate: boolean; moderate: boolean };
  /** Polling period for "N new" (ms); the e2e run shortens it. */
  pollMs?: number;
};

const BULK_CHUNK = 25;
type BulkOpInput = { op: "assign"; assigneeId: string | null } | { op: "tag"; add: string[] } | { op: "close" } | { op: "reopen" } | { op: "hide"; reason: string };
type BulkState = { total: number; done: number; ok: number; failed: { id: string; code: string }[]; running: boolean } | null;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The unified inbox: filter bar (in the URL), the list ordered by SLA with live countdowns,
 * keyset "load more", a banner when new items arrive (polled; the list never jumps under the
 * reader), keyboard shortcuts, and bulk actions processed in chunks with progress.
 */
export function InboxView({ initial, filter, facets, viewerId, can, pollMs = 15_000 }: Props) {
  const t = useTranslations("community");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const now = useNowTick(1000, Date.parse(initial.generatedAt));

  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loadedAt, setLoadedAt] = useState(initial.generatedAt);
  const [loadingMore, setLoadingMore] = useState(false);
  const [listError, setListError] = useState(false);
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [helpOpen, setHelpOpen] = useState(false);
  const [escalating, setEscalating] = useState<string | null>(null);
  const [escalateBusy, setEscalateBusy] = useState(false);
  const [escalateError, setEscalateError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [bulk, setBulk] = useState<BulkState>(null);
  const [bulkAssignee, setBulkAssignee] = useState("");
  const [bulkTag, setBulkTag] = useState("");
  const [hideReason, setHideReason] = useState("");
  const rowRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const formId = useId();


  const qs = useMemo(() => filterToSearchParams(filter), [filter]);
  const newCount = useQuery({
    queryKey: ["inbox", "new", qs.toString(), loadedAt],
    queryFn: () => getJson<{ count: number }>(`/api/inbox/new?${qs.toString()}${qs.size ? "&" : ""}since=${encodeURIComponent(loadedAt)}`),
    refetchInterval: pollMs,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const fresh = newCount.data?.count ?? 0;

  const reloadFirstPage = useCallback(async () => {
    try {
      const page = await getJson<Props["initial"]>(`/api/inbox?${qs.toString()}`);
      setItems(page.items);
      setCursor(page.nextCursor);
      setLoadedAt(page.generatedAt);
      setListError(false);
      setActive(page.items.length ? 0 : -1);
      requestAnimationFrame(() => rowRefs.current[0]?.focus());
    } catch {
      setListError(true);
    }
  }, [qs]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await getJson<Props["initial"]>(`/api/inbox?${qs.toString()}${qs.size ? "&" : ""}cursor=${encodeURIComponent(cursor)}`);
      setItems((prev) => {
        const seen = new Set(prev.map((i) => i.id));
        return [...prev, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setCursor(page.nextCursor);
      setListError(false);
    } catch {
      setListError(true);
    } finally {
      setLoadingMore(false);
    }
  };

  const patch = (id: string, p: Partial<InboxItemJson>) => setItems((prev) => prev.map((i) => (i.id === id ? { ...i, ...p } : i)));
  const errorText = (code: string) => t(`bulk.errors.${code}` as "bulk.errors.INTERNAL");

  const assignToMe = async (item: InboxItemJson) => {
    if (!can.assign) return;
    const r = await assignInboxAction({ id: item.id, assigneeId: viewerId });
    if (r.ok) {
      patch(item.id, { assigneeId: viewerId, assigneeName: facets.teammates.find((m) => m.id === viewerId)?.name ?? item.assigneeName, status: item.status === "open" ? "assigned" : item.status, version: r.data.version });
      setNotice({ tone: "ok", text: t("actions.saved") });
    } else setNotice({ tone: "error", text: errorText(r.error.code) });
  };
  const closeItem = async (item: InboxItemJson) => {
    if (!can.assign) return;
    const r = await setInboxStatusAction({ id: item.id, status: "closed" });
    if (r.ok) {
      patch(item.id, { status: "closed", version: r.data.version });
      setNotice({ tone: "ok", text: t("actions.saved") });
    } else setNotice({ tone: "error", text: errorText(r.error.code) });
  };
  const escalate = async (v: EscalateInput) => {
    if (!escalating) return;
    setEscalateBusy(true);
    setEscalateError(null);
    const r = await escalateInboxAction({ id: escalating, ...v });
    setEscalateBusy(false);
    if (r.ok) {
      patch(escalating, { status: "escalated", version: r.data.version });
      setEscalating(null);
      setNotice({ tone: "ok", text: t("actions.saved") });
    } else setEscalateError(errorText(r.error.code));
  };

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const focusRow = (i: number) => {
    setActive(i);
    const el = rowRefs.current[i];
    if (el) {
      el.focus();
      el.scrollIntoView?.({ block: "nearest" });
    }
  };

  // Keyboard shortcuts (never while typing; never with a dialog open).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (helpOpen || escalating) return;
      const target = e.target as HTMLElement | null;
      const cmd = commandFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        isComposing: e.isComposing,
        target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable, role: target.getAttribute("role"), type: target.getAttribute("type") } : null,
      });
      if (!cmd) return;
      const current = active >= 0 ? items[active] : undefined;
      switch (cmd) {
        case "next":
        case "previous":
          e.preventDefault();
          focusRow(moveIndex(active, items.length, cmd));
          return;
        case "search":
          e.preventDefault();
          searchRef.current?.focus();
          return;
        case "help":
          e.preventDefault();
          setHelpOpen(true);
          return;
        case "open":
          if (current && target?.tagName !== "A") {
            e.preventDefault();
            router.push(`/community/items/${current.id}`);
          }
          return;
        case "reply":
          if (current) {
            e.preventDefault();
            router.push(`/community/items/${current.id}?compose=1`);
          }
          return;
        case "select":
          if (current) {
            e.preventDefault();
            toggle(current.id);
          }
          return;
        case "assignToMe":
          if (current && can.assign) {
            e.preventDefault();
            void assignToMe(current);
          }
          return;
        case "close":
          if (current && can.assign) {
            e.preventDefault();
            void closeItem(current);
          }
          return;
        case "escalate":
          if (current && can.escalate) {
            e.preventDefault();
            setEscalateError(null);
            setEscalating(current.id);
          }
          return;
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  const runBulk = async (op: BulkOpInput) => {
    const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
    if (!ids.length) return;
    const state = { total: ids.length, done: 0, ok: 0, failed: [] as { id: string; code: string }[], running: true };
    setBulk({ ...state });
    for (const part of chunk(ids, BULK_CHUNK)) {
      const r = await bulkInboxAction({ ids: part, op });
      if (r.ok) {
        for (const res of r.data.results) {
          if (res.ok) {
            state.ok++;
            if (op.op === "close") patch(res.id, { status: "closed" });
            if (op.op === "reopen") patch(res.id, { status: "open" });
            if (op.op === "hide") patch(res.id, { status: "hidden" });
            if (op.op === "assign") patch(res.id, { assigneeId: op.assigneeId, assigneeName: facets.teammates.find((m) => m.id === op.assigneeId)?.name ?? null });
            if (op.op === "tag") setItems((prev) => prev.map((i) => (i.id === res.id ? { ...i, tags: [...new Set([...i.tags, ...op.add])].sort() } : i)));
          } else state.failed.push({ id: res.id, code: res.code });
        }
      } else for (const id of part) state.failed.push({ id, code: r.error.code });
      state.done += part.length;
      setBulk({ ...state, failed: [...state.failed] });
    }
    setBulk({ ...state, failed: [...state.failed], running: false });
    setSelected(new Set(state.failed.map((f) => f.id)));
  };

  const onFilterSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const sp = new URLSearchParams();
    for (const [k, v] of fd.entries()) if (typeof v === "string" && v !== "") sp.append(k, v);
    router.push(`/community${sp.size ? `?${sp.toString()}` : ""}`);
  };
  const submitOnChange = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const commitFilters = () => formRef.current?.requestSubmit();

  // Every filter but tag and sort takes several values (?kind=dm&kind=mention): checkboxes in a popover.
  const multiFilters: { name: string; label: string; options: MultiSelectOption[]; selected: readonly string[]; noneText?: string }[] = [
    { name: "channel", label: t("filters.channel"), options: facets.channels.map((c) => ({ value: c.id, label: `${tc(`platforms.${c.platform}` as "platforms.x")} · ${c.name}` })), selected: filter.channel ?? [] },
    { name: "kind", label: t("filters.kind"), options: INBOX_KINDS.map((k) => ({ value: k, label: tc(`inboxKinds.${k}`) })), selected: filter.kind ?? [] },
    {
      name: "status",
      label: t("filters.status"),
      options: INBOX_STATUSES.map((s) => ({ value: s, label: tc(`inboxStatuses.${s}`) })),
      selected: filter.status === "all" ? INBOX_STATUSES : (filter.status ?? []),
      noneText: t("filters.activeShort"),
    },
    { name: "sla", label: t("filters.sla"), options: SLA_STATES.map((s) => ({ value: s, label: t(`filters.slaStates.${s}`) })), selected: filter.sla ?? [] },
    { name: "sentiment", label: t("filters.sentiment"), options: SENTIMENTS.map((s) => ({ value: s, label: tc(`sentiments.${s}`) })), selected: filter.sentiment ?? [] },
    { name: "risk", label: t("filters.risk"), options: RISK_BANDS.map((b) => ({ value: b, label: t(`filters.riskBands.${b}`) })), selected: filter.risk ?? [] },
    {
      name: "assignee",
      label: t("filters.assignee"),
      options: [
        { value: "me", label: t("filters.me") },
        { value: "unassigned", label: t("filters.unassigned") },
        ...facets.teammates.filter((m) => m.id !== viewerId).map((m) => ({ value: m.id, label: m.name })),
        // A teammate no longer listed (deactivated) but still in the URL stays visible and removable.
        ...(filter.assignee ?? []).filter((a) => a !== "me" && a !== "unassigned" && a !== viewerId && !facets.teammates.some((m) => m.id === a)).map((a) => ({ value: a, label: a })),
      ],
      selected: (filter.assignee ?? []).map((a) => (a === viewerId ? "me" : a)),
    },
    {
      name: "language",
      label: t("filters.language"),
      options: [...new Set(["ja", "en", ...facets.languages, ...(filter.language ?? []).filter((l) => l !== "und")])].map((l) => ({
        value: l,
        label: l === "ja" || l === "en" ? t(`filters.languages.${l}`) : t("filters.languages.other", { code: l }),
      })).concat([{ value: "und", label: t("filters.languageUnknown") }]),
      selected: filter.language ?? [],
    },
  ];
  const isFiltered = qs.size > 0;
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const itemById = (id: string) => items.find((i) => i.id === id);
  const exportHref = `/api/inbox/export${qs.size ? `?${qs.toString()}` : ""}`;

  const selectCls = clsx(inputCls, "min-w-0");
  return (
    <div data-testid="inbox">
      <section aria-labelledby={`${formId}-h`} className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id={`${formId}-h`} className="sr-only">
          {t("filters.label")}
        </h2>
        <form ref={formRef} id={formId} role="search" method="get" action="/community" onSubmit={onFilterSubmit} data-testid="inbox-filters">
          <div className="mb-3 flex flex-wrap items-end gap-2">
            <div className="min-w-[16rem] flex-1">
              <label htmlFor={`${formId}-q`} className={labelCls}>
                {t("filters.search")}
              </label>
              <input ref={searchRef} id={`${formId}-q`} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} placeholder={t("filters.searchPlaceholder")} className={inputCls} data-testid="inbox-search" aria-describedby={`${formId}-qh`} />
              <p id={`${formId}-qh`} className="sr-only">
                {t("filters.searchHint")}
              </p>
            </div>
            <button type="submit" className={btnPrimary}>
              {t("filters.apply")}
            </button>
            {isFiltered && (
              <Link href="/community" className={btnSecondary} data-testid="inbox-clear-filters">
                {t("filters.clear")}
              </Link>
            )}
            <a href={exportHref} className={btnSecondary} download data-testid="inbox-export" title={t("export.hint")}>
              {t("export.button")}
            </a>
          </div>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-8" data-testid="inbox-filter-grid">
            {multiFilters.map((m) => (
              <MultiSelectPopover
                key={m.name}
                name={m.name}
                label={m.label}
                options={m.options}
                selected={m.selected}
                noneText={m.noneText ?? t("filters.any")}
                manyText={(first, more) => t("filters.multi.many", { first, count: more })}
                text={{ clear: t("filters.multi.clear"), apply: t("filters.multi.apply"), hint: t("filters.multi.hint") }}
                onCommit={commitFilters}
                testId={`filter-${m.name}`}
              />
            ))}
          </div>
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <Field id={`${formId}-tag`} label={t("filters.tag")}>
              <input id={`${formId}-tag`} name="tag" defaultValue={filter.tag ?? ""} maxLength={40} className={inputCls} />
            </Field>
            <Field id={`${formId}-sort`} label={t("filters.sort")}>
              <select id={`${formId}-sort`} name="sort" defaultValue={filter.sort} onChange={submitOnChange} className={selectCls} data-testid="filter-sort">
                <option value="sla">{t("filters.sortSla")}</option>
                <option value="newest">{t("filters.sortNewest")}</option>
              </select>
            </Field>
            <p className="ml-auto text-xs text-slate-500">
              <button type="button" className="underline decoration-dotted hover:text-slate-700" onClick={() => setHelpOpen(true)} data-testid="shortcut-help-open">
                {t("shortcuts.hint")}
              </button>
            </p>
          </div>
        </form>
      </section>

      <div aria-live="polite" className="min-h-0">
        {fresh > 0 && (
          <button type="button" onClick={() => void reloadFirstPage()} className="mb-3 flex w-full items-center justify-center gap-2 rounded-lg border border-brand-200 bg-brand-50 px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-100" data-testid="inbox-new-banner">
            <Badge tone="brand">{t("list.newItems", { count: fresh })}</Badge>
            {t("list.showNew")}
          </button>
        )}
        {notice && (
          <p role={notice.tone === "error" ? "alert" : "status"} className={clsx("mb-3 rounded-md border px-3 py-2 text-sm", notice.tone === "ok" ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-red-200 bg-red-50 text-red-800")} data-testid="inbox-notice">
            {notice.text}
          </p>
        )}
      </div>

      {(can.assign || can.moderate) && selected.size > 0 && (
        <section aria-label={t("bulk.label")} className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-slate-300 bg-white p-3 shadow" data-testid="bulk-bar">
          <span className="text-sm font-medium text-slate-800">{t("bulk.selected", { count: selected.size })}</span>
          <button type="button" className={btnSecondary} disabled={!!bulk?.running} onClick={() => void runBulk({ op: "assign", assigneeId: viewerId })} data-testid="bulk-assign-me">
            {t("bulk.assignToMe")}
          </button>
          <label className="sr-only" htmlFor={`${formId}-bulk-assignee`}>
            {t("bulk.assignToLabel")}
          </label>
          <select
            id={`${formId}-bulk-assignee`}
            className={clsx(inputCls, "w-auto")}
            value={bulkAssignee}
            disabled={!!bulk?.running}
            onChange={(e) => {
              const v = e.target.value;
              setBulkAssignee("");
              if (v) void runBulk({ op: "assign", assigneeId: v === "-" ? null : v });
            }}
          >
            <option value="">{t("bulk.assignTo")}</option>
            {facets.teammates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
            <option value="-">{t("bulk.unassign")}</option>
          </select>
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              const tag = bulkTag.trim();
              if (tag) void runBulk({ op: "tag", add: [tag] });
              setBulkTag("");
            }}
          >
            <label className="sr-only" htmlFor={`${formId}-bulk-tag`}>
              {t("bulk.tagPlaceholder")}
            </label>
            <input id={`${formId}-bulk-tag`} value={bulkTag} onChange={(e) => setBulkTag(e.target.value)} maxLength={40} placeholder={t("bulk.tagPlaceholder")} className={clsx(inputCls, "w-32")} />
            <button type="submit" className={btnSecondary} disabled={!!bulk?.running || !bulkTag.trim()}>
              {t("bulk.tag")}
            </button>
          </form>
          <button type="button" className={btnSecondary} disabled={!!bulk?.running} onClick={() => void runBulk({ op: "close" })} data-testid="bulk-close">
            {t("bulk.close")}
          </button>
          <button type="button" className={btnSecondary} disabled={!!bulk?.running} onClick={() => void runBulk({ op: "reopen" })}>
            {t("bulk.reopen")}
          </button>
          {can.moderate && (
            <form
              className="flex items-center gap-1"
              onSubmit={(e) => {
                e.preventDefault();
                const reason = hideReason.trim();
                if (reason) void runBulk({ op: "hide", reason });
                setHideReason("");
              }}
            >
              <label className="sr-only" htmlFor={`${formId}-bulk-hide`}>
                {t("bulk.hideReason")}
              </label>
              <input id={`${formId}-bulk-hide`} value={hideReason} onChange={(e) => setHideReason(e.target.value)} maxLength={1000} placeholder={t("bulk.hideReason")} className={clsx(inputCls, "w-40")} data-testid="bulk-hide-reason" />
              <button type="submit" className={btnSecondary} disabled={!!bulk?.running || !hideReason.trim()} data-testid="bulk-hide">
                {t("bulk.hide")}
              </button>
            </form>
          )}
          <button type="button" className="ml-auto text-sm text-slate-600 underline" onClick={() => setSelected(new Set())}>
            {t("bulk.clearSelection")}
          </button>
        </section>
      )}
      {bulk && (
        <div className="mb-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="bulk-progress">
          <progress max={bulk.total} value={bulk.done} className="mb-1 h-2 w-full accent-brand-700" aria-label={t("bulk.running", { done: bulk.done, total: bulk.total })} />
          <p role="status" className="text-slate-700">
            {bulk.running ? t("bulk.running", { done: bulk.done, total: bulk.total }) : bulk.failed.length ? t("bulk.finished", { ok: bulk.ok, failed: bulk.failed.length }) : t("bulk.finishedAll", { ok: bulk.ok })}
          </p>
          {!bulk.running && bulk.failed.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-red-800" data-testid="bulk-failures">
              {bulk.failed.map((f) => (
                <li key={f.id}>{t("bulk.failedItem", { id: itemById(f.id)?.authorName ?? f.id.slice(0, 8), reason: errorText(f.code) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <section aria-labelledby={`${formId}-list`} className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-2">
          {(can.assign || can.moderate) && items.length > 0 && (
            <input type="checkbox" aria-label={t("list.selectAll")} checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} data-testid="select-all" />
          )}
          <h2 id={`${formId}-list`} className="text-sm font-semibold text-slate-900">
            {t("list.label")}
          </h2>
          <span className="text-xs text-slate-500">{t("list.shown", { count: items.length })}</span>
          <span className="ml-auto text-xs text-slate-500">{t("list.updated", { time: format.dateTime(new Date(loadedAt), { timeStyle: "medium" }) })}</span>
        </div>
        {listError && (
          <p role="alert" className="m-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("list.error")}{" "}
            <button type="button" className="underline" onClick={() => void reloadFirstPage()}>
              {t("list.retry")}
            </button>
          </p>
        )}
        {items.length === 0 ? (
          <div className="px-4 py-12 text-center" data-testid="inbox-empty">
            <p className="text-sm font-medium text-slate-700">{isFiltered ? t("list.emptyFiltered") : t("list.empty")}</p>
            <p className="mt-1 text-xs text-slate-500">{t("list.emptyHint")}</p>
          </div>
        ) : (
          <ul aria-label={t("list.label")} className="divide-y divide-slate-100">
            {items.map((i, idx) => {
              const author = i.authorName ?? i.authorHandle ?? t("list.anonymous");
              return (
                <li
                  key={i.id}
                  data-testid="inbox-item"
                  data-item-id={i.id}
                  data-status={i.status}
                  data-active={idx === active ? "true" : undefined}
                  className={clsx("flex gap-3 px-4 py-3", idx === active ? "bg-brand-50/60 ring-2 ring-inset ring-brand-600" : "hover:bg-slate-50", selected.has(i.id) && "bg-sky-50")}
                  onClick={() => setActive(idx)}
                >
                  {(can.assign || can.moderate) && (
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={selected.has(i.id)}
                      onChange={() => toggle(i.id)}
                      aria-label={t("list.selectItem", { author, kind: tc(`inboxKinds.${i.kind}`) })}
                      data-testid="select-item"
                    />
                  )}
                  <div className="w-28 shrink-0 pt-0.5">
                    <SlaCountdown dueAt={i.slaDueAt} firstResponseAt={i.firstResponseAt} status={i.status} now={now} />
                  </div>
                  <div className="min-w-0 flex-1">
                    <div className="mb-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                      <KindBadge kind={i.kind} />
                      <span className="font-medium text-slate-800" data-testid="item-author">
                        {i.authorName ? t("list.from", { name: i.authorName }) : t("list.anonymous")}
                      </span>
                      {i.authorHandle && <span className="text-slate-500">{i.authorHandle}</span>}
                      <span aria-hidden>·</span>
                      <span>
                        {tc(`platforms.${i.platform}` as "platforms.x")} · {i.channelName}
                      </span>
                      <span aria-hidden>·</span>
                      <time dateTime={i.receivedAt} title={format.dateTime(new Date(i.receivedAt), { dateStyle: "medium", timeStyle: "short" })}>
                        {format.relativeTime(new Date(i.receivedAt), now)}
                      </time>
                      {i.language && <span className="rounded bg-slate-100 px-1 uppercase">{i.language}</span>}
                    </div>
                    <Link
                      ref={(el) => {
                        rowRefs.current[idx] = el;
                      }}
                      href={`/community/items/${i.id}`}
                      onFocus={() => setActive(idx)}
                      className="block rounded text-sm text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                      data-testid="item-link"
                    >
                      {i.redacted || i.excerpt === null ? <span className="italic text-slate-500">{t("list.dmHidden")}</span> : <span data-testid="item-text" lang={i.language ?? undefined} className="line-clamp-2 whitespace-pre-wrap break-words">{i.excerpt}</span>}
                    </Link>
                    <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
                      <StatusBadge status={i.status} />
                      <PriorityChip priority={i.priority} />
                      <SentimentChip sentiment={i.sentiment} />
                      <RiskChip score={i.riskScore} reasons={i.riskReasons} />
                      <span className="text-xs text-slate-600" data-testid="item-assignee">
                        {i.assigneeName ? t("list.assignedTo", { name: i.assigneeName }) : t("list.unassigned")}
                      </span>
                      {i.tags.map((tag) => (
                        <span key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                          #{tag}
                        </span>
                      ))}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <div className="border-t border-slate-100 px-4 py-3 text-center">
          {cursor ? (
            <button type="button" className={btnSecondary} onClick={() => void loadMore()} disabled={loadingMore} data-testid="inbox-load-more">
              {loadingMore ? t("list.loading") : t("list.loadMore")}
            </button>
          ) : (
            items.length > 0 && <p className="text-xs text-slate-500">{t("list.end")}</p>
          )}
        </div>
      </section>

      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {escalating && <EscalateDialog open onClose={() => setEscalating(null)} onSubmit={(v) => void escalate(v)} busy={escalateBusy} error={escalateError} />}
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelCls}>
        {label}
      </label>
      {children}
    </div>
  );
}
