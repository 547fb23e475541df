// The access log: every read or write of a person's data, written in the same transaction as the
// operation when there is one. Shown to the person's team.
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { accessReasonLabel, describeVisit, VISIT_GAP_MINUTES } from "../../../common/domain/access-log.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { access_log } from "./access-log.tables.ts";

export type AccessAction = "read" | "list" | "create" | "update" | "duplicate_check" | "export";

export interface AccessEntry {
  person_id: string;
  membership_id: string | null;
  reason: string;
  action: AccessAction;
  resource: string;
}

/**
 * One statement whatever the number of rows (a list page writes one row per person shown): the
 * rows travel as one JSON parameter, not eleven parameters each, which the query builder would walk
 * one by one (a 20-row page: ~4 ms of the request on a 2-core machine, see bench/people-scale.ts).
 */
export async function recordAccess(ctx: Ctx, entries: AccessEntry[], db: Db = ctx.db): Promise<void> {
  if (entries.length === 0) return;
  const rows = JSON.stringify(entries.map((e) => ({ p: e.person_id, m: e.membership_id, a: e.action, r: e.resource, w: e.reason })));
  await db.execute(sql`
    insert into ${access_log} (user_id, membership_id, person_id, action, resource, route, reason, via, request_id)
    select ${ctx.actor.user_id}::uuid, e.m, e.p, e.a, e.r, ${ctx.route}::text, e.w, ${ctx.actor.via}::text, ${ctx.requestId}::text
    from rows from (jsonb_to_recordset(${rows}::jsonb) as (p uuid, m uuid, a text, r text, w text)) with ordinality as e(p, m, a, r, w, n)
    order by e.n`);
}

export async function listAccessLog(db: Db, personId: string, filters: VisitFilters, page: number, pageSize: number) {
  const where = and(
    eq(access_log.person_id, personId),
    filters.from ? sql`${access_log.at} >= (${filters.from}::date at time zone 'Europe/Paris')` : undefined,
    filters.to ? sql`${access_log.at} < ((${filters.to}::date + 1) at time zone 'Europe/Paris')` : undefined,
    filters.user_id ? eq(access_log.user_id, filters.user_id) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: access_log.id,
        at: access_log.at,
        user_name: users.name,
        structure_name: structures.name,
        action: access_log.action,
        resource: access_log.resource,
        route: access_log.route,
        reason: access_log.reason,
      })
      .from(access_log)
      .innerJoin(users, eq(users.id, access_log.user_id))
      .leftJoin(memberships, eq(memberships.id, access_log.membership_id))
      .leftJoin(structures, eq(structures.id, memberships.structure_id))
      .where(where)
      .orderBy(desc(access_log.at), desc(access_log.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(access_log).where(where),
  ]);
  return { items: items.map((i) => ({ ...i, id: String(i.id), at: i.at.toISOString() })), total: total?.n ?? 0 };
}

export interface VisitFilters {
  from?: string | undefined;
  to?: string | undefined;
  user_id?: string | undefined;
}

/**
 * The accesses of one person grouped into visits: the rows of one user, through one membership and
 * for one reason, less than VISIT_GAP_MINUTES apart, in one line each (most recent first).
 */
export async function listAccessVisits(db: Db, personId: string, filters: VisitFilters, page: number, pageSize: number) {
  const where = sql.join(
    [
      sql`a.person_id = ${personId}`,
      filters.from ? sql`a.at >= (${filters.from}::date at time zone 'Europe/Paris')` : undefined,
      filters.to ? sql`a.at < ((${filters.to}::date + 1) at time zone 'Europe/Paris')` : undefined,
      filters.user_id ? sql`a.user_id = ${filters.user_id}` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` and `,
  );
  const visits = sql`
    with marked as (
      select a.user_id, a.membership_id, a.reason, a.at, a.action, a.resource,
        case when lag(a.at) over w is null or a.at - lag(a.at) over w > make_interval(mins => ${VISIT_GAP_MINUTES}) then 1 else 0 end as starts
      from access_log a
      where ${where}
      window w as (partition by a.user_id, a.membership_id, a.reason order by a.at)
    ), numbered as (
      select *, sum(starts) over (partition by user_id, membership_id, reason order by at rows unbounded preceding) as visit from marked
    )
    select user_id, membership_id, reason, visit, min(at) as started_at, max(at) as ended_at, count(*)::int as accesses,
      json_agg(json_build_object('action', action, 'resource', resource) order by at) as items
    from numbered
    group by user_id, membership_id, reason, visit`;
  const [rows, counted, viewers] = await Promise.all([
    db.execute(sql`
      select v.*, u.name as user_name, s.name as structure_name
      from (${visits}) v
      join users u on u.id = v.user_id
      left join memberships m on m.id = v.membership_id
      left join structures s on s.id = m.structure_id
      order by v.started_at desc, v.user_id
      limit ${pageSize} offset ${(page - 1) * pageSize}`),
    db.execute(sql`select count(*)::int as n from (${visits}) v`),
    db.execute(sql`select distinct u.id, u.name from access_log a join users u on u.id = a.user_id where a.person_id = ${personId} order by u.name`),
  ]);
  type Row = { user_id: string; membership_id: string | null; reason: string; visit: number | string; started_at: Date | string; ended_at: Date | string; accesses: number; items: { action: string; resource: string }[] | string; user_name: string; structure_name: string | null };
  const iso = (d: Date | string) => new Date(d).toISOString();
  const items = (rows as unknown as { rows: Row[] }).rows.map((r) => {
    const accesses = typeof r.items === "string" ? (JSON.parse(r.items) as { action: string; resource: string }[]) : r.items;
    return {
      id: `${r.user_id}:${r.membership_id ?? "-"}:${r.reason}:${r.visit}`,
      started_at: iso(r.started_at),
      ended_at: iso(r.ended_at),
      user: { id: r.user_id, name: r.user_name },
      structure_name: r.structure_name,
      reason: r.reason,
      reason_label: accessReasonLabel(r.reason),
      summary: describeVisit(accesses),
      accesses: Number(r.accesses),
    };
  });
  const total = Number((counted as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  return { items, total, viewers: (viewers as unknown as { rows: { id: string; name: string }[] }).rows };
}
