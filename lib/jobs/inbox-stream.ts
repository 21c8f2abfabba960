import { ingestInbound, sandboxStreamChannels, type IngestEntry, type StreamChannel } from "@/lib/dal/inbox-ingest";
import { authorFor, pickLine, rng, type StreamMode } from "@/lib/domain/inbox-corpus";
import { parseMetaPayload } from "@/lib/domain/meta-webhook";
import { localParts } from "@/lib/domain/sla";

/*
 * The sandbox stream for the demo (issue 4): every minute a trickle of comments, DMs, mentions and
 * reviews across the channels, quiet at night (Tokyo), and every third hour a sudden burst of
 * complaints and hostile messages on one channel for ten minutes (a spike alert follows).
 * Items for Meta-connected channels are written as Meta webhook payloads and go through the same
 * parser and ingestion as the real webhook; the others are ingested directly. Same ingestion
 * function either way (dedupe, triage, rules, audit).
 *
 * Off unless INBOX_SANDBOX_STREAM=on (the demo runner sets it): tests and e2e runs need a quiet inbox.
 */

export function streamMode(now: Date): StreamMode {
  const l = localParts(now, "Asia/Tokyo");
  if (l.hh % 3 === 1 && l.mm >= 20 && l.mm < 30) return "burst";
  if (l.hh < 7) return "slow";
  return "normal";
}

export function buildStreamEntries(chs: readonly StreamChannel[], now: Date, seed = Math.floor(now.getTime() / 60_000)): IngestEntry[] {
  if (!chs.length) return [];
  const r = rng(seed);
  const mode = streamMode(now);
  const burstChannel = chs.find((c) => c.platform === "facebook") ?? chs[0]!;
  const plan: { ch: StreamChannel; mode: StreamMode }[] = [];
  if (mode === "burst") for (let i = 0, n = 6 + Math.floor(r() * 5); i < n; i++) plan.push({ ch: burstChannel, mode });
  const trickle = mode === "slow" ? (r() < 0.2 ? 1 : 0) : r() < 0.5 ? 0 : 1 + Math.floor(r() * 2);
  for (let i = 0; i < trickle; i++) plan.push({ ch: chs[Math.floor(r() * chs.length)]!, mode: mode === "burst" ? "normal" : mode });

  const out: IngestEntry[] = [];
  plan.forEach(({ ch, mode: m }, i) => {
    const line = pickLine(r, m);
    const author = authorFor(r, line.text);
    const at = new Date(now.getTime() - Math.floor(r() * 55_000));
    const ext = `sbx-${seed}-${i}`;
    if (ch.connector === "meta" && ch.externalAccountId && (ch.platform === "facebook" || ch.platform === "instagram")) {
      out.push(...metaEntries(ch, line.kind, line.text, author, at, ext));
      return;
    }
    const post = `${ch.platform}-post-${Math.floor(seed / 240)}`;
    out.push({
      channelId: ch.id,
      platform: ch.platform,
      accountId: ch.externalAccountId ?? ch.id,
      externalId: ext,
      kind: line.kind,
      threadKey: line.kind === "dm" ? `${ch.platform}:dm:${author.id}` : line.kind === "review" ? `${ch.platform}:review:${ext}` : `${ch.platform}:${post}`,
      parentExternalId: line.kind === "comment" || line.kind === "mention" ? post : null,
      authorExternalId: author.id,
      authorHandle: author.handle,
      authorName: author.name,
      text: line.text,
      receivedAt: at,
      permalink: null,
      authorUrl: null,
      raw: { sandbox: true },
    });
  });
  return out;
}

/** The same item as Meta would deliver it, through the real parser. */
function metaEntries(ch: StreamChannel, kind: string, text: string, author: { name: string; handle: string; id: string }, at: Date, ext: string): IngestEntry[] {
  const acc = ch.externalAccountId!;
  const post = `${acc}_${Math.floor(at.getTime() / 14_400_000)}`;
  const secs = Math.floor(at.getTime() / 1000);
  let body: unknown;
  if (kind === "dm") {
    body = { object: ch.platform === "facebook" ? "page" : "instagram", entry: [{ id: acc, time: at.getTime(), messaging: [{ sender: { id: author.id }, recipient: { id: acc }, timestamp: at.getTime(), message: { mid: `m_${ext}`, text } }] }] };
  } else if (ch.platform === "facebook") {
    const value = kind === "review"
      ? { item: "rating", verb: "add", review_id: ext, reviewer_id: author.id, reviewer_name: author.name, review_text: text, created_time: secs }
      : { item: "comment", verb: "add", comment_id: `${post}_${ext}`, post_id: post, parent_id: post, from: { id: author.id, name: author.name }, message: text, created_time: secs };
    body = { object: "page", entry: [{ id: acc, time: secs, changes: [{ field: kind === "review" ? "ratings" : "feed", value }] }] };
  } else {
    const value = kind === "mention"
      ? { comment_id: ext, media_id: post, text, from: { id: author.id, username: author.handle.slice(1) } }
      : { id: ext, text, from: { id: author.id, username: author.handle.slice(1) }, media: { id: post }, timestamp: secs };
    body = { object: "instagram", entry: [{ id: acc, time: secs, changes: [{ field: kind === "mention" ? "mentions" : "comments", value }] }] };
  }
  return parseMetaPayload(body, at).entries;
}

export async function runInboxStream(now: Date = new Date()): Promise<{ mode: StreamMode; stored: number } | { skipped: string }> {
  if (process.env.INBOX_SANDBOX_STREAM !== "on") return { skipped: "INBOX_SANDBOX_STREAM is not on" };
  const entries = buildStreamEntries(await sandboxStreamChannels(), now);
  const r = await ingestInbound(entries, { source: "sandbox-stream", now });
  return { mode: streamMode(now), stored: r.stored };
}

export const INBOX_STREAM_JOBS = [{ name: "inbox.sandbox-stream", cron: "* * * * *", handler: async () => runInboxStream() }] as const;
