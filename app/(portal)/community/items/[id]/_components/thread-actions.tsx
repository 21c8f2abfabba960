"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { btnPrimary, btnSecondary, inputCls, labelCls } from "@/components/scheduling/ui";
import { commandFor } from "@/lib/domain/inbox-shortcuts";
import { assignInboxAction, escalateInboxAction, setInboxStatusAction, tagInboxAction } from "../../../actions";
import { EscalateDialog, ShortcutHelp, type EscalateInput } from "../../../_components/inbox-dialogs";

type Props = {
  item: { id: string; status: string; assigneeId: string | null; version: number; tags: string[] };
  viewerId: string;
  teammates: { id: string; name: string }[];
  can: { assign: boolean; escalate: boolean };
  /** Focus the composer on load (?compose=1, the list's "r"). */
  compose: boolean;
};

/** Focus the reply composer (id="inbox-reply-composer", from inbox-replies) or the reply section. */
function focusComposer() {
  const el = document.getElementById("inbox-reply-composer") ?? document.getElementById("reply");
  el?.focus();
  el?.scrollIntoView?.({ block: "center" });
}

/**
 * The triage moves on the thread view: assign (me / a teammate / nobody), close / reopen,
 * escalate, tags; keyboard a / r / e / c / ? as in the list. Every move carries the version the
 * page was rendered with: if someone changed the item meanwhile, the server says CONFLICT and the
 * page reloads the latest state.
 */
export function ThreadActions({ item, viewerId, teammates, can, compose }: Props) {
  const t = useTranslations("community");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [escalateOpen, setEscalateOpen] = useState(false);
  const [escalateError, setEscalateError] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [tag, setTag] = useState("");
  const id = useId();

  useEffect(() => {
    if (compose) focusComposer();
  }, [compose]);

  const done = (r: { ok: true } | { ok: false; error: { code: string } }) => {
    setBusy(false);
    if (r.ok) {
      setMessage({ tone: "ok", text: t("actions.saved") });
      router.refresh();
      return true;
    }
    if (r.error.code === "CONFLICT") {
      setMessage({ tone: "error", text: t("actions.conflict") });
      router.refresh();
    } else setMessage({ tone: "error", text: t(`bulk.errors.${r.error.code}` as "bulk.errors.INTERNAL") });
    return false;
  };
  const assign = async (assigneeId: string | null) => {
    setBusy(true);
    done(await assignInboxAction({ id: item.id, assigneeId, expectedVersion: item.version }));
  };
  const setStatus = async (status: "closed" | "open") => {
    setBusy(true);
    done(await setInboxStatusAction({ id: item.id, status, expectedVersion: item.version }));
  };
  const escalate = async (v: EscalateInput) => {
    setBusy(true);
    const r = await escalateInboxAction({ id: item.id, ...v, expectedVersion: item.version });
    if (done(r)) setEscalateOpen(false);
    else if (!r.ok) setEscalateError(t(`bulk.errors.${r.error.code}` as "bulk.errors.INTERNAL"));
  };
  const tags = async (p: { add?: string[]; remove?: string[] }) => {
    setBusy(true);
    done(await tagInboxAction({ id: item.id, ...p, expectedVersion: item.version }));
  };

  const closed = item.status === "closed";
  const workable = !closed && item.status !== "hidden";

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (helpOpen || escalateOpen) return;
      const target = e.target as HTMLElement | null;
      const cmd = commandFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, isComposing: e.isComposing, target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable, role: target.getAttribute("role"), type: target.getAttribute("type") } : null });
      if (!cmd) return;
      if (cmd === "help") setHelpOpen(true);
      else if (cmd === "reply") focusComposer();
      else if (cmd === "assignToMe" && can.assign && workable && item.assigneeId !== viewerId) void assign(viewerId);
      else if (cmd === "close" && can.assign && workable) void setStatus("closed");
      else if (cmd === "escalate" && can.escalate && workable) setEscalateOpen(true);
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  return (
    <div className="space-y-3" data-testid="thread-actions">
      {can.assign && (
        <div className="flex flex-wrap gap-2">
          {workable && item.assigneeId !== viewerId && (
            <button type="button" className={btnPrimary} disabled={busy} onClick={() => void assign(viewerId)} data-testid="thread-assign-me">
              {t("actions.assignToMe")}
            </button>
          )}
          {workable && (
            <button type="button" className={btnSecondary} disabled={busy} onClick={() => void setStatus("closed")} data-testid="thread-close">
              {t("actions.close")}
            </button>
          )}
          {closed && (
            <button type="button" className={btnSecondary} disabled={busy} onClick={() => void setStatus("open")} data-testid="thread-reopen">
              {t("actions.reopen")}
            </button>
          )}
        </div>
      )}
      {can.escalate && workable && (
        <button
          type="button"
          className={btnSecondary}
          disabled={busy}
          onClick={() => {
            setEscalateError(null);
            setEscalateOpen(true);
          }}
          data-testid="thread-escalate"
        >
          {t("actions.escalate")}
        </button>
      )}
      {can.assign && workable && (
        <div>
          <label htmlFor={`${id}-assignee`} className={labelCls}>
            {t("actions.assign")}
          </label>
          <select
            id={`${id}-assignee`}
            className={inputCls}
            value={item.assigneeId ?? ""}
            disabled={busy}
            onChange={(e) => void assign(e.target.value || null)}
            data-testid="thread-assignee"
          >
            <option value="">{t("list.unassigned")}</option>
            {teammates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <p className={labelCls}>{t("actions.tags")}</p>
        <ul className="flex flex-wrap gap-1.5" data-testid="thread-tags">
          {item.tags.map((tg) => (
            <li key={tg} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              #{tg}
              {can.assign && (
                <button type="button" aria-label={t("actions.tagRemove", { tag: tg })} className="text-slate-500 hover:text-red-700" disabled={busy} onClick={() => void tags({ remove: [tg] })}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
        {can.assign && (
          <form
            className="mt-2 flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim()) void tags({ add: [tag.trim()] });
              setTag("");
            }}
          >
            <label htmlFor={`${id}-tag`} className="sr-only">
              {t("actions.tagPlaceholder")}
            </label>
            <input id={`${id}-tag`} value={tag} onChange={(e) => setTag(e.target.value)} maxLength={40} placeholder={t("actions.tagPlaceholder")} className={inputCls} data-testid="thread-tag-input" />
            <button type="submit" className={`${btnSecondary} shrink-0 whitespace-nowrap`} disabled={busy || !tag.trim()}>
              {t("actions.tagAdd")}
            </button>
          </form>
        )}
      </div>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "ok" ? "text-sm text-emerald-800" : "text-sm text-red-800"} data-testid="thread-message">
          {message.text}
        </p>
      )}
      <button type="button" className="text-xs text-slate-500 underline decoration-dotted" onClick={() => setHelpOpen(true)}>
        {t("shortcuts.hint")}
      </button>
      {escalateOpen && <EscalateDialog open onClose={() => setEscalateOpen(false)} onSubmit={(v) => void escalate(v)} busy={busy} error={escalateError} />}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
