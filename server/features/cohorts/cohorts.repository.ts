// Cohorts: queries only (no rules). The criteria arrive resolved by the service (age bounds as
// birth dates, EPCI turned into communes); `scope` is the policy's SQL condition on `people`.
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { CURRENT_ACTION_STATUSES, ENDED_ACTION_STATUSES, RSA_BENEFICIARY_STATUSES } from "../../../common/domain/cohorts.ts";
import { WORKING_SITUATIONS } from "../../../common/domain/diagnostic.ts";
import type { CohortCriteria } from "../../../common/schemas/cohorts.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { territories } from "../territories/territories.tables.ts";
import { cohort_members, cohorts } from "./cohorts.tables.ts";

export type CohortRow = typeof cohorts.$inferSelect & { territory_name: string; members_count: number };

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The criteria, resolved: what the SQL compares. */
export interface ResolvedCriteria {
  criteria: CohortCriteria;
  /** age ≥ age_min ⇔ birth_date ≤ this. */
  born_on_or_before: string | null;
  /** age ≤ age_max ⇔ birth_date > this. */
  born_after: string | null;
  /** Communes listed and communes of the EPCI listed; null: no place criterion. */
  communes: string[] | null;
}

/** The criteria as a condition on `people` (every given criterion must hold). */
export function criteriaWhere(r: ResolvedCriteria): SQL {
  const c = r.criteria;
  const parts: SQL[] = [];
  if (r.born_on_or_before) parts.push(sql`people.birth_date <= ${r.born_on_or_before}::date`);
  if (r.born_after) parts.push(sql`people.birth_date > ${r.born_after}::date`);
  const beneficiary = sql`coalesce(people.rsa_status in (${list(RSA_BENEFICIARY_STATUSES)}), false)`;
  if (c.rsa_beneficiary !== undefined) parts.push(c.rsa_beneficiary ? beneficiary : sql`not ${beneficiary}`);
  const flag = (name: string, wanted: boolean) => (wanted ? sql`${name} = any(people.situation_flags)` : sql`not (${name} = any(people.situation_flags))`);
  if (c.single_parent !== undefined) parts.push(flag("parent_isole", c.single_parent));
  if (c.rqth !== undefined) parts.push(flag("rqth", c.rqth));
  if (c.left_action_without_solution !== undefined) {
    const left = sql`(exists (select 1 from actions a where a.person_id = people.id and a.status in (${list(ENDED_ACTION_STATUSES)}))
      and not exists (select 1 from actions a where a.person_id = people.id and a.status in (${list(CURRENT_ACTION_STATUSES)})))`;
    parts.push(c.left_action_without_solution ? left : sql`not ${left}`);
  }
  if (r.communes) parts.push(r.communes.length === 0 ? sql`false` : sql`people.commune_code in (${list(r.communes)})`);
  if (c.rsa_right_opened_from) parts.push(sql`people.rsa_right_opened_on >= ${c.rsa_right_opened_from}::date`);
  if (c.rsa_right_opened_to) parts.push(sql`people.rsa_right_opened_on <= ${c.rsa_right_opened_to}::date`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

const membersCount = sql<number>`(select count(*)::int from ${cohort_members} cm where cm.cohort_id = ${cohorts.id} and cm.left_on is null)`;

function cohortSelect(db: Db) {
  return db
    .select({
      id: cohorts.id,
      territory_id: cohorts.territory_id,
      name: cohorts.name,
      criteria: cohorts.criteria,
      starts_on: cohorts.starts_on,
      ends_on: cohorts.ends_on,
      expected_outcomes: cohorts.expected_outcomes,
      created_by: cohorts.created_by,
      created_at: cohorts.created_at,
      updated_at: cohorts.updated_at,
      territory_name: territories.name,
      members_count: membersCount,
    })
    .from(cohorts)
    .innerJoin(territories, eq(territories.id, cohorts.territory_id));
}

export async function findCohort(db: Db, id: string): Promise<CohortRow | undefined> {
  const [row] = await cohortSelect(db).where(eq(cohorts.id, id));
  return row;
}

export async function listCohorts(db: Db, territoryIds: "all" | string[], territoryId: string | undefined): Promise<CohortRow[]> {
  if (territoryIds !== "all" && territoryIds.length === 0) return [];
  return cohortSelect(db)
    .where(and(territoryIds === "all" ? undefined : inArray(cohorts.territory_id, territoryIds), territoryId ? eq(cohorts.territory_id, territoryId) : undefined))
    .orderBy(asc(territories.name), asc(cohorts.name), asc(cohorts.id))
    .limit(500);
}

export async function insertCohort(db: Db, values: typeof cohorts.$inferInsert): Promise<string> {
  const [row] = await db.insert(cohorts).values(values).returning({ id: cohorts.id });
  return row!.id;
}

export async function updateCohort(db: Db, id: string, values: Partial<typeof cohorts.$inferInsert>): Promise<void> {
  await db
    .update(cohorts)
    .set({ ...values, updated_at: new Date() })
    .where(eq(cohorts.id, id));
}

const notMember = (cohortId: string) => sql`not exists (select 1 from ${cohort_members} cm where cm.cohort_id = ${cohortId}::uuid and cm.person_id = people.id and cm.left_on is null)`;

export interface ListedPersonRow {
  person_id: string;
  first_names: string;
  last_name: string;
  birth_date: string;
  commune_code: string | null;
}

/** Matching people of the territory not yet members: the count and a page by name (keyset on the person). */
export async function previewMatches(db: Db, cohortId: string, territoryId: string, scope: SQL, where: SQL, after: string | undefined, pageSize: number) {
  const base = sql`people.territory_id = ${territoryId}::uuid and ${scope} and ${where} and ${notMember(cohortId)}`;
  const cursor = after ? sql`and (people.last_name_key, people.first_name_key, people.id) > (select p2.last_name_key, p2.first_name_key, p2.id from people p2 where p2.id = ${after}::uuid)` : sql``;
  const [counted, rows] = await Promise.all([
    db.execute(sql`select count(*)::int as n from people where ${base}`) as unknown as Promise<{ rows: { n: number }[] }>,
    db.execute(
      sql`select people.id as person_id, people.first_names, people.last_name, people.birth_date::text as birth_date, people.commune_code
        from people where ${base} ${cursor} order by people.last_name_key, people.first_name_key, people.id limit ${pageSize + 1}`,
    ) as unknown as Promise<{ rows: ListedPersonRow[] }>,
  ]);
  const more = rows.rows.length > pageSize;
  const page = rows.rows.slice(0, pageSize);
  return { count: Number(counted.rows[0]?.n ?? 0), rows: page, nextAfter: more ? page[page.length - 1]!.person_id : null };
}

/** Ids of every matching person not yet a member (bulk add), up to `limit`. */
export async function matchingIds(db: Db, cohortId: string, territoryId: string, where: SQL, limit: number): Promise<string[]> {
  const result = (await db.execute(
    sql`select people.id as person_id from people where people.territory_id = ${territoryId}::uuid and ${where} and ${notMember(cohortId)} order by people.id limit ${limit}`,
  )) as unknown as { rows: { person_id: string }[] };
  return result.rows.map((r) => r.person_id);
}

/** Of these people, those the criteria match (in the territory). */
export async function whichMatch(db: Db, territoryId: string, where: SQL, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const result = (await db.execute(
    sql`select people.id as person_id from people where people.territory_id = ${territoryId}::uuid and ${where} and people.id in (${sql.join(
      personIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  )) as unknown as { rows: { person_id: string }[] };
  return new Set(result.rows.map((r) => r.person_id));
}

export async function territoriesOfPeople(db: Db, personIds: string[]): Promise<Map<string, string | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.select({ id: people.id, territory_id: people.territory_id }).from(people).where(inArray(people.id, personIds));
  return new Map(rows.map((r) => [r.id, r.territory_id]));
}

export async function activeMembers(db: Db, cohortId: string, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ person_id: cohort_members.person_id })
    .from(cohort_members)
    .where(and(eq(cohort_members.cohort_id, cohortId), inArray(cohort_members.person_id, personIds), isNull(cohort_members.left_on)));
  return new Set(rows.map((r) => r.person_id));
}

export async function insertMembers(db: Db, rows: (typeof cohort_members.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(cohort_members).values(rows.slice(i, i + 500));
}

export async function activeStays(db: Db, cohortId: string, personIds: string[]) {
  return db
    .select({ id: cohort_members.id, person_id: cohort_members.person_id, joined_on: cohort_members.joined_on })
    .from(cohort_members)
    .where(and(eq(cohort_members.cohort_id, cohortId), inArray(cohort_members.person_id, personIds), isNull(cohort_members.left_on)));
}

export async function endStays(db: Db, ids: string[], values: { left_on: string; exit_reason: string; exit_comment: string | null; removed_by_user_id: string }): Promise<void> {
  if (ids.length === 0) return;
  await db.update(cohort_members).set(values).where(inArray(cohort_members.id, ids));
}

export interface MemberRow extends ListedPersonRow {
  joined_on: string;
  left_on: string | null;
  exit_reason: string | null;
  exit_comment: string | null;
  added_how: string;
  added_by_name: string | null;
  stay_id: string;
}

/**
 * A page of the cohort's stays, by name then stay (a person who left and came back has two
 * lines); keyset on the stay id (`after` = the last line's stay id).
 */
export async function listMembers(db: Db, cohortId: string, status: "active" | "left" | "all", after: string | undefined, pageSize: number) {
  const filter = status === "active" ? sql`and cm.left_on is null` : status === "left" ? sql`and cm.left_on is not null` : sql``;
  const base = sql`from ${cohort_members} cm join people on people.id = cm.person_id where cm.cohort_id = ${cohortId}::uuid ${filter}`;
  const cursor = after
    ? sql`and (people.last_name_key, people.first_name_key, cm.id) > (select p2.last_name_key, p2.first_name_key, c2.id from ${cohort_members} c2 join people p2 on p2.id = c2.person_id where c2.id = ${after}::uuid and c2.cohort_id = ${cohortId}::uuid)`
    : sql``;
  const [counted, rows] = await Promise.all([
    db.execute(sql`select count(*)::int as n ${base}`) as unknown as Promise<{ rows: { n: number }[] }>,
    db.execute(
      sql`select cm.id as stay_id, people.id as person_id, people.first_names, people.last_name, people.birth_date::text as birth_date, people.commune_code,
          cm.joined_on::text as joined_on, cm.left_on::text as left_on, cm.exit_reason, cm.exit_comment, cm.added_how, u.name as added_by_name
        from ${cohort_members} cm join people on people.id = cm.person_id left join ${users} u on u.id = cm.added_by_user_id
        where cm.cohort_id = ${cohortId}::uuid ${filter} ${cursor}
        order by people.last_name_key, people.first_name_key, cm.id limit ${pageSize + 1}`,
    ) as unknown as Promise<{ rows: MemberRow[] }>,
  ]);
  const more = rows.rows.length > pageSize;
  const page = rows.rows.slice(0, pageSize);
  return { total: Number(counted.rows[0]?.n ?? 0), rows: page, nextAfter: more ? page[page.length - 1]!.stay_id : null };
}

export interface OutcomeParams {
  cohortId: string;
  /** First and last month (first days). */
  from: string;
  to: string;
  today: string;
  timeZone: string;
  contactMonths: number;
}

/**
 * Counts per month, as of the month's last day (today for the current month). For each member
 * present that day: an orientation decided by then; a contract signed by then; in employment or
 * training per the latest diagnostic saved by then (work situation en_emploi, indépendant,
 * en_formation); lost from view when their last contact by then (a note recording a contact that
 * is not author-only, or a contract signature; the file's creation when none) is older than the
 * territory's contact months — the definition of the coordinators' "sans contact" queue and of the
 * stored `people.contact_due_on` (contact_due_on < today), applied on each month's day.
 */
export async function outcomes(db: Db, p: OutcomeParams) {
  const working = list([...WORKING_SITUATIONS, "en_formation"]);
  const result = (await db.execute(sql`
    with months as (
      select m::date as m, least((m + interval '1 month' - interval '1 day')::date, ${p.today}::date) as as_of
      from generate_series(${p.from}::date, ${p.to}::date, interval '1 month') m
    ),
    present as (
      select months.m, months.as_of, cm.person_id
      from months join ${cohort_members} cm on cm.cohort_id = ${p.cohortId}::uuid and cm.joined_on <= months.as_of and (cm.left_on is null or cm.left_on > months.as_of)
    ),
    flows as (
      select months.m,
        count(*) filter (where cm.joined_on >= months.m and cm.joined_on <= months.as_of)::int as joined,
        count(*) filter (where cm.left_on >= months.m and cm.left_on <= months.as_of)::int as left_
      from months join ${cohort_members} cm on cm.cohort_id = ${p.cohortId}::uuid
      group by months.m
    ),
    facts as (
      select present.m,
        exists (select 1 from orientations o where o.person_id = present.person_id and o.decided_on <= present.as_of) as oriented,
        exists (select 1 from contracts c where c.person_id = present.person_id and c.signed_on is not null and c.signed_on <= present.as_of) as signed,
        coalesce((select d.content -> 'professional' ->> 'work_situation' in (${working}) from diagnostic_versions d
          where d.person_id = present.person_id and (d.created_at at time zone ${p.timeZone})::date <= present.as_of order by d.version desc limit 1), false) as working,
        (coalesce(greatest(
          (select max(n.occurred_on) from notes n where n.person_id = present.person_id and n.contact_kind is not null and n.visibility <> 'author' and n.occurred_on <= present.as_of),
          (select max(c.signed_on) from contracts c where c.person_id = present.person_id and c.signed_on <= present.as_of)
        ), (pe.created_at at time zone ${p.timeZone})::date) + make_interval(months => ${p.contactMonths}::int))::date < present.as_of as lost
      from present join people pe on pe.id = present.person_id
    )
    select to_char(months.m, 'YYYY-MM') as month, months.as_of::text as as_of,
      (select count(*)::int from facts f where f.m = months.m) as members,
      coalesce(flows.joined, 0) as joined, coalesce(flows.left_, 0) as left,
      (select count(*)::int from facts f where f.m = months.m and f.oriented) as orientation_done,
      (select count(*)::int from facts f where f.m = months.m and f.signed) as contract_signed,
      (select count(*)::int from facts f where f.m = months.m and f.working) as employment_or_training,
      (select count(*)::int from facts f where f.m = months.m and f.lost) as lost_from_view
    from months left join flows on flows.m = months.m
    order by months.m`)) as unknown as {
    rows: { month: string; as_of: string; members: number; joined: number; left: number; orientation_done: number; contract_signed: number; employment_or_training: number; lost_from_view: number }[];
  };
  return result.rows.map((r) => ({
    month: r.month,
    as_of: r.as_of,
    members: Number(r.members),
    joined: Number(r.joined),
    left: Number(r.left),
    orientation_done: Number(r.orientation_done),
    contract_signed: Number(r.contract_signed),
    employment_or_training: Number(r.employment_or_training),
    lost_from_view: Number(r.lost_from_view),
  }));
}

/** The first day a member joined (for the outcome table's first month). */
export async function firstJoined(db: Db, cohortId: string): Promise<string | null> {
  const [row] = await db.select({ first: sql<string | null>`min(${cohort_members.joined_on})::text` }).from(cohort_members).where(eq(cohort_members.cohort_id, cohortId));
  return row?.first ?? null;
}

/** A person's stays in cohorts, latest first. */
export async function personStays(db: Db, personId: string) {
  return db
    .select({
      cohort_id: cohorts.id,
      name: cohorts.name,
      joined_on: cohort_members.joined_on,
      left_on: cohort_members.left_on,
      exit_reason: cohort_members.exit_reason,
      added_how: cohort_members.added_how,
    })
    .from(cohort_members)
    .innerJoin(cohorts, eq(cohorts.id, cohort_members.cohort_id))
    .where(eq(cohort_members.person_id, personId))
    .orderBy(sql`${cohort_members.joined_on} desc`, asc(cohorts.name));
}

/** Cohorts of a territory still open on `today` (no end, or an end not passed). */
export async function openCohorts(db: Db, territoryId: string, today: string) {
  return db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(and(eq(cohorts.territory_id, territoryId), sql`(${cohorts.ends_on} is null or ${cohorts.ends_on} >= ${today}::date)`))
    .orderBy(asc(cohorts.name), asc(cohorts.id));
}

export async function countMembers(db: Db, cohortId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(cohort_members)
    .where(and(eq(cohort_members.cohort_id, cohortId), isNull(cohort_members.left_on)));
  return row?.n ?? 0;
}
