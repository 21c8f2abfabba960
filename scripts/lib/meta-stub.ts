/**
 * The local Graph API stand-in for the demo and the e2e run: the demo's Meta channels (Facebook
 * Page, Instagram accounts) publish to it instead of graph.facebook.com, which cannot be reached
 * from here. Loopback only; state in memory (a restart forgets what was posted there).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startMetaGraphStub, type MetaGraphStub } from "../stubs/meta-graph";

export async function startDemoMetaStub(databaseUrl: string, port: number): Promise<{ stub: MetaGraphStub; env: Record<string, string> }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let rows: { platform: string; id: string }[];
  try {
    rows = await sql<{ platform: string; id: string }[]>`select platform::text, external_account_id as id from channels where connector = 'meta' and external_account_id is not null`;
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
  });
  return { stub, env: { META_GRAPH_URL: stub.url, META_ACCESS_TOKEN: token, META_CONTAINER_POLL_MS: "300" } };
}
