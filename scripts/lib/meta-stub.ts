/**
 * The local Graph API stand-in for the demo and the e2e run: the demo's Meta channels (Facebook
 * Page, Instagram accounts) publish to it instead of graph.facebook.com, which cannot be reached
 * from here. Loopback only; state in memory (a restart forgets what was posted there).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startMetaGraphStub, type MetaGraphStub, type StubOptions } from "../stubs/meta-graph";
import { PLATFORM_PROFILES, unit } from "../../lib/domain/sandbox-metrics";

/** Published Meta posts as the stub's pre-existing objects (the media type is the sandbox model's own draw, so video views agree too). */
export function existingForStub(published: { owner: string; id: string; published_at: Date | string }[]): NonNullable<StubOptions["existing"]> {
  return published.map((p) => ({
    owner: p.owner,
    id: p.id,
    createdTime: new Date(p.published_at).toISOString(),
    mediaType: unit(`${p.id}:video`) < PLATFORM_PROFILES.instagram.video ? "VIDEO" : "IMAGE",
  }));
}

export async function startDemoMetaStub(databaseUrl: string, port: number): Promise<{ stub: MetaGraphStub; env: Record<string, string> }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let rows: { platform: string; id: string }[];
  let published: { owner: string; id: string; published_at: Date }[];
  try {
    rows = await sql<{ platform: string; id: string }[]>`select platform::text, external_account_id as id from channels where connector = 'meta' and external_account_id is not null`;
    // What the demo already published there (its history and earlier runs): the stub answers
    // their insights with the numbers the analytics seed stored, so the worker's pulls agree.
    published = await sql<{ owner: string; id: string; published_at: Date }[]>`
      select c.external_account_id as owner, p.external_id as id, p.published_at from publications p
      join post_targets t on t.id = p.target_id join channels c on c.id = t.channel_id
      where c.connector = 'meta' and c.external_account_id is not null and p.external_id is not null and p.published_at is not null and p.state in ('published', 'hidden')`;
  } finally {
    await sql.end();
  }
  const token = `demo-${randomBytes(12).toString("hex")}`;
  const stub = await startMetaGraphStub({
    port,
    tokens: [token],
    pages: rows.filter((r) => r.platform === "facebook").map((r) => r.id),
    igUsers: rows.filter((r) => r.platform === "instagram").map((r) => r.id),
    containerPolls: 1,
    inbox: { acceptUnknown: true },
    existing: existingForStub(published),
  });
  return { stub, env: { META_GRAPH_URL: stub.url, META_ACCESS_TOKEN: token, META_CONTAINER_POLL_MS: "300" } };
}
