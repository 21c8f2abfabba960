/**
 * The demo's networks agree with its history: every publication the seed records as published on
 * a sandbox channel is also on the sandbox network's timeline (with the text of the revision that
 * went out), and the Meta channels point at the access token the demo's local Graph stub accepts.
 * Idempotent: runs on every demo start.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { channels } from "@/db/schema";

/** The environment variable the demo's Meta channels read their token from (scripts/demo.ts sets it). */
export const DEMO_META_TOKEN_ENV = "META_ACCESS_TOKEN";

export async function seedSandboxNetwork(db: Db): Promise<void> {
  await db
    .update(channels)
    .set({ credentialsRef: `env:${DEMO_META_TOKEN_ENV}` })
    .where(sql`${channels.connector} = 'meta' and ${channels.credentialsRef} is null`);
  await db.execute(sql`
    insert into sandbox_posts (channel_id, external_id, idempotency_key, text, created_at, updated_at)
    select t.channel_id, p.external_id, t.idempotency_key,
           coalesce((select v->>'text' from jsonb_array_elements(r.content->'variants') v where v->>'channelId' = t.channel_id::text limit 1), ''),
           coalesce(p.published_at, now()), coalesce(p.published_at, now())
    from publications p
    join post_targets t on t.id = p.target_id
    join channels c on c.id = t.channel_id and c.connector = 'sandbox'
    join posts po on po.id = t.post_id
    join post_revisions r on r.id = po.current_revision_id
    where p.state = 'published' and p.external_id is not null
    on conflict do nothing`);
}

/** Page and Instagram account ids of the demo's Meta channels, for the local Graph stub. */
export async function metaAccounts(db: Db): Promise<{ pages: string[]; igUsers: string[] }> {
  const rows = await db
    .select({ platform: channels.platform, id: channels.externalAccountId })
    .from(channels)
    .where(eq(channels.connector, "meta"));
  return {
    pages: rows.filter((r) => r.platform === "facebook" && r.id).map((r) => r.id!),
    igUsers: rows.filter((r) => r.platform === "instagram" && r.id).map((r) => r.id!),
  };
}
