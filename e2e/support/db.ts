/** Test-fixture access to the e2e database (DATABASE_URL is set by scripts/test.ts). */
import postgres from "postgres";

let sql: postgres.Sql | null = null;
export function testSql(): postgres.Sql {
  const url = process.env.DATABASE_URL;
  if (!url || !/127\.0\.0\.1|localhost/.test(url)) throw new Error("e2e fixtures only run against a local test database");
  sql ??= postgres(url, { max: 2, onnotice: () => {} });
  return sql;
}

export async function auditCount(): Promise<number> {
  const [r] = await testSql()<{ n: number }[]>`select count(*)::int as n from audit_events`;
  return r!.n;
}

/**
 * A fingerprint of everything an entry point could change. Audit events are counted only when a
 * person is their actor: the job worker of the e2e run (publisher, expiry, due-time escalations)
 * writes system events of its own at any moment.
 */
export async function stateFingerprint(): Promise<string> {
  const rows = await testSql()`
    select
      (select count(*) from users) u,
      (select count(*) from users where deactivated_at is not null) d,
      (select string_agg(user_id || ':' || role, ',' order by user_id, role) from user_roles) r,
      (select string_agg(group_name || ':' || role, ',' order by group_name, role) from idp_group_mappings) m,
      (select string_agg(id || ':' || locale, ',' order by id) from users) l,
      (select count(*) from audit_events where actor_id is not null) a`;
  return JSON.stringify(rows[0]);
}
