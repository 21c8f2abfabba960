/** The demo data of Legal's queue (db/seed/legal.ts): every kind present with its snapshot, every review screen readable; idempotent. */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { seedOrganisation } from "@/db/seed/demo";
import { seedWorkspaces } from "@/db/seed/workspaces";
import { seedLegalQueue } from "@/db/seed/legal";
import { loadViewer } from "@/lib/dal/viewer";
import { getLegalReview, listLegalQueue } from "@/lib/dal/legal-queue";
import { LEGAL_KINDS } from "@/lib/domain/legal-review";

beforeAll(async () => {
  await seedOrganisation(getDb());
  await seedWorkspaces(getDb());
  await seedLegalQueue(getDb());
}, 120_000);

describe("seedLegalQueue", () => {
  it("fills every kind with what is under review; every review screen reads", async () => {
    const legal = (await loadViewer("usr_legal"))!;
    const q = await listLegalQueue(legal, { state: "all" });
    for (const k of LEGAL_KINDS) expect(q.items.some((i) => i.kind === k), k).toBe(true);
    const open = await listLegalQueue(legal);
    expect(open.items.length).toBeGreaterThanOrEqual(8);
    for (const i of q.items) {
      const d = await getLegalReview(legal, i.id);
      expect(d.subjectHash, i.title).toBeTruthy();
      expect(Object.keys(d.snapshot).length, i.title).toBeGreaterThan(0);
    }
    const [row] = await getDb().execute<{ n: number }>(sql`
      select count(*)::int n from posts p where p.state = 'in_review' and p.requires_legal
      and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.stage = 'legal' and a.voided_at is null)
      and not exists (select 1 from legal_reviews l where l.revision_id = p.current_revision_id)`);
    expect(row!.n).toBe(0);
  });
  it("is idempotent", async () => {
    const before = await getDb().execute<{ n: number; h: string }>(sql`select count(*)::int n, md5(string_agg(id::text || coalesce(subject_hash,''), ',' order by id)) h from legal_reviews`);
    await seedLegalQueue(getDb());
    const after = await getDb().execute<{ n: number; h: string }>(sql`select count(*)::int n, md5(string_agg(id::text || coalesce(subject_hash,''), ',' order by id)) h from legal_reviews`);
    expect(after[0]).toEqual(before[0]);
  });
});
