"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { PRESENCE_BEAT_MS } from "@/lib/domain/inbox-replies";
import type { ReplyComposerContext, ReplyDto } from "@/lib/dal/inbox-replies";
import type { ModerationDto } from "@/lib/dal/inbox-moderation";
import { PresenceBar, type PresencePersonJson } from "./presence-bar";
import { ReplyComposer, type SavedReplyOption } from "./reply-composer";
import { ReplyList } from "./reply-list";
import { ReplyModeration } from "./reply-moderation";

type LiveJson = {
  others: PresencePersonJson[];
  version: number;
  lastReplyId: string | null;
  replies: (Omit<ReplyDto, "createdAt" | "sentAt" | "decidedAt"> & { createdAt: string; sentAt: string | null; decidedAt: string | null })[];
};

export type LiveState = { others: PresencePersonJson[]; version: number; lastReplyId: string | null; replies: ReplyDto[] };

function fromJson(j: LiveJson): LiveState {
  return {
    others: j.others,
    version: j.version,
    lastReplyId: j.lastReplyId,
    replies: j.replies.map((r) => ({ ...r, createdAt: new Date(r.createdAt), sentAt: r.sentAt ? new Date(r.sentAt) : null, decidedAt: r.decidedAt ? new Date(r.decidedAt) : null })),
  };
}

async function beat(itemId: string, mode: "viewing" | "replying" | "gone"): Promise<LiveState> {
  const res = await fetch(`/api/inbox/items/${itemId}/presence`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ mode }),
    cache: "no-store",
    keepalive: mode === "gone",
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return fromJson((await res.json()) as LiveJson);
}

/**
 * The live part of the thread view. Every few seconds it tells the server "I am viewing /
 * replying" and gets back who else is here, the item's version, its newest reply and every
 * reply's status (TanStack Query polling; the presence rows expire server-side after 30 s).
 * The composer compares that with what it loaded to warn before a send would collide; the
 * server refuses a colliding send anyway.
 */
export function ReplyPanel(props: {
  ctx: ReplyComposerContext;
  saved: SavedReplyOption[];
  moderation: ModerationDto[];
  viewerId: string;
  timeZone: string;
  canManageSaved: boolean;
}) {
  const { ctx } = props;
  const t = useTranslations("replies");
  const router = useRouter();
  const [mode, setMode] = useState<"viewing" | "replying">("viewing");
  /** What the agent has "seen": the server render, moved forward by their own sends and by reloading. */
  const [base, setBase] = useState({ version: ctx.version, lastReplyId: ctx.lastReplyId });
  const rendered = useRef({ version: ctx.version, lastReplyId: ctx.lastReplyId });
  useEffect(() => {
    // A fresh server render (router.refresh) is what the agent now sees.
    if (rendered.current.version !== ctx.version || rendered.current.lastReplyId !== ctx.lastReplyId) {
      rendered.current = { version: ctx.version, lastReplyId: ctx.lastReplyId };
      setBase({ version: ctx.version, lastReplyId: ctx.lastReplyId });
    }
  }, [ctx.version, ctx.lastReplyId]);

  const live = useQuery({
    queryKey: ["inbox-item-live", ctx.itemId, mode],
    queryFn: () => beat(ctx.itemId, mode),
    refetchInterval: PRESENCE_BEAT_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    retry: 1,
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    const leave = () => void beat(ctx.itemId, "gone").catch(() => {});
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [ctx.itemId]);

  const state = live.data;
  const replies = state?.replies ?? ctx.replies;
  const stale: "replied" | "changed" | null = !state
    ? null
    : state.lastReplyId !== base.lastReplyId
      ? "replied"
      : state.version !== base.version
        ? "changed"
        : null;

  const reload = useCallback(() => {
    if (state) setBase({ version: state.version, lastReplyId: state.lastReplyId });
    router.refresh();
  }, [router, state]);

  return (
    <div className="space-y-4" data-testid="reply-panel">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="text-xs text-slate-500">{t("section.description")}</p>
        <PresenceBar others={state?.others ?? []} offline={live.isError} />
      </div>
      <ReplyList replies={replies} timeZone={props.timeZone} ctx={ctx} />
      {ctx.isDeleted ? (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">{t("section.deleted")}</p>
      ) : ctx.canReply ? (
        <ReplyComposer
          ctx={ctx}
          saved={props.saved}
          canManageSaved={props.canManageSaved}
          base={base}
          stale={stale}
          othersReplying={(state?.others ?? []).some((o) => o.mode === "replying")}
          onReload={reload}
          onModeChange={setMode}
          onSent={(r) => {
            setBase({ version: r.version, lastReplyId: r.replyId });
            void live.refetch();
            router.refresh();
          }}
        />
      ) : (
        <p className="text-sm text-slate-500">{t("section.readOnly")}</p>
      )}
      {ctx.kind === "comment" && (ctx.canModerate || props.moderation.length > 0) && (
        <ReplyModeration itemId={ctx.itemId} canModerate={ctx.canModerate} isHidden={ctx.isHidden} history={props.moderation} timeZone={props.timeZone} />
      )}
    </div>
  );
}
