// The coordinators' queues of a territory: one function per queue, each a SQL predicate on `people`
// (plus what the wait started from and its due date), the most urgent first. The due dates mirror
// the pure rules of common/domain/deadlines.ts with the territory's settings; when the people table
// stores its due dates as columns, each function becomes an indexed predicate on them.
//
// `scope` is the policy's SQL condition on `people` (peopleOfTerritoriesCoordinatedBy), or none for
// counts that show no person (steering).
import { sql, type SQL } from "drizzle-orm";
import { NO_ORIENTATION_OWED } from "../../../common/domain/deadlines.ts";
import type { QueueKind } from "../../../common/schemas/territories.ts";
import type { Db } from "../../db/client.ts";
import { nameSearch } from "../../db/name-search.ts";

export interface QueueParams {
  territoryId: string;
  scope: SQL | undefined;
  /** The territory's today (its time zone). */
  today: string;
  timeZone: string;
  orientationWeeks: number;
  contractMonths: number;
  contactMonths: number;
  /** Items to return (0: the count only). */
  limit: number;
}

export interface QueueRow {
  person_id: string;
  first_names: string;
  last_name: string;
  birth_date: string;
  since: string | null;
  due_on: string | null;
  request_id: string | null;
}

export interface QueueResult {
  count: number;
  rows: QueueRow[];
}

const PERSON_COLUMNS = sql`people.id as person_id, people.first_names, people.last_name, people.birth_date::text as birth_date`;

function inTerritory(p: QueueParams): SQL {
  // A merged file (tombstone) waits for nothing: its pathway moved to the kept file.
  return sql`people.territory_id = ${p.territoryId}::uuid and people.merged_into is null and ${p.scope ?? sql`true`}`;
}

/** Runs a queue: `select` yields the columns of QueueRow plus `sort_key`s used by `order`. */
async function run(db: Db, select: SQL, order: SQL, limit: number): Promise<QueueResult> {
  const countQuery = db.execute(sql`select count(*)::int as n from (${select}) q`) as unknown as Promise<{ rows: { n: number }[] }>;
  const rowsQuery = limit > 0 ? (db.execute(sql`select * from (${select}) q order by ${order} limit ${limit}`) as unknown as Promise<{ rows: Record<string, unknown>[] }>) : Promise.resolve({ rows: [] });
  const [counted, listed] = await Promise.all([countQuery, rowsQuery]);
  return {
    count: Number(counted.rows[0]?.n ?? 0),
    rows: listed.rows.map((r) => ({
      person_id: String(r.person_id),
      first_names: String(r.first_names),
      last_name: String(r.last_name),
      birth_date: String(r.birth_date),
      since: (r.since as string | null) ?? null,
      due_on: (r.due_on as string | null) ?? null,
      request_id: (r.request_id as string | null) ?? null,
    })),
  };
}

const createdOn = (p: QueueParams) => sql`(people.created_at at time zone ${p.timeZone})::date`;

/**
 * People owed a first orientation: no orientation decided yet, and an RSA right that is neither
 * refused nor closed. Due `orientationWeeks` after the RSA right opened; people without a known
 * opening date come last, oldest file first.
 */
export async function awaitingOrientation(db: Db, p: QueueParams): Promise<QueueResult> {
  const closed = sql.join(
    NO_ORIENTATION_OWED.map((s) => sql`${s}`),
    sql`, `,
  );
  const select = sql`select ${PERSON_COLUMNS}, people.rsa_right_opened_on::text as since,
      (people.rsa_right_opened_on + ${p.orientationWeeks * 7}::int)::text as due_on, null::uuid as request_id, people.created_at as sort_created
    from people
    where ${inTerritory(p)}
      and not exists (select 1 from orientations o where o.person_id = people.id)
      and (people.rsa_status is null or people.rsa_status not in (${closed}))`;
  return run(db, select, sql`due_on asc nulls last, sort_created asc, person_id`, p.limit);
}

/**
 * People oriented whose contract is not signed: the latest orientation (a réorientation restarts the
 * month) was notified and no contract was signed since. Due `contractMonths` after the notification.
 */
export async function awaitingContract(db: Db, p: QueueParams): Promise<QueueResult> {
  const select = sql`select ${PERSON_COLUMNS}, lo.notified_on::text as since,
      (lo.notified_on + make_interval(months => ${p.contractMonths}::int))::date::text as due_on, null::uuid as request_id
    from people
    join lateral (select o.notified_on from orientations o where o.person_id = people.id order by o.decided_on desc, o.created_at desc limit 1) lo on true
    where ${inTerritory(p)}
      and not exists (select 1 from contracts c where c.person_id = people.id and c.signed_on is not null and c.signed_on >= lo.notified_on)`;
  return run(db, select, sql`due_on asc, person_id`, p.limit);
}

/** Pending réorientation requests, oldest first. */
export async function reorientationRequests(db: Db, p: QueueParams): Promise<QueueResult> {
  const select = sql`select ${PERSON_COLUMNS}, (r.created_at at time zone ${p.timeZone})::date::text as since, null::text as due_on, r.id as request_id, r.created_at as sort_created
    from people join reorientation_requests r on r.person_id = people.id and r.status = 'pending'
    where ${inTerritory(p)}`;
  return run(db, select, sql`sort_created asc, request_id`, p.limit);
}

/** Pending requests to join a team, oldest first (one line per request). */
export async function joinRequests(db: Db, p: QueueParams): Promise<QueueResult> {
  const select = sql`select ${PERSON_COLUMNS}, (j.created_at at time zone ${p.timeZone})::date::text as since, null::text as due_on, j.id as request_id, j.created_at as sort_created
    from people join join_requests j on j.person_id = people.id and j.status = 'pending'
    where ${inTerritory(p)}`;
  return run(db, select, sql`sort_created asc, request_id`, p.limit);
}

/** Files with no active référent, oldest file first. */
export async function withoutReferent(db: Db, p: QueueParams): Promise<QueueResult> {
  const select = sql`select ${PERSON_COLUMNS}, ${createdOn(p)}::text as since, null::text as due_on, null::uuid as request_id, people.created_at as sort_created
    from people
    where ${inTerritory(p)}
      and not exists (select 1 from team_members tm where tm.person_id = people.id and tm.is_referent and tm.left_at is null)`;
  return run(db, select, sql`sort_created asc, person_id`, p.limit);
}

/**
 * Files without contact for `contactMonths` months: the last contact (a note recording a contact,
 * not an author-only one, or a contract signature; the file's creation when none) is older than
 * that. Longest silence first.
 */
export async function withoutContact(db: Db, p: QueueParams): Promise<QueueResult> {
  const lastContact = sql`coalesce(greatest(
      (select max(n.occurred_on) from notes n where n.person_id = people.id and n.contact_kind is not null and n.visibility <> 'author'),
      (select max(c.signed_on) from contracts c where c.person_id = people.id)
    ), ${createdOn(p)})`;
  const select = sql`select * from (select ${PERSON_COLUMNS}, ${lastContact}::text as since,
      (${lastContact} + make_interval(months => ${p.contactMonths}::int))::date::text as due_on, null::uuid as request_id
    from people where ${inTerritory(p)}) c
    where c.due_on < ${p.today}`;
  return run(db, select, sql`due_on asc, person_id`, p.limit);
}

export const QUEUES: Record<QueueKind, (db: Db, p: QueueParams) => Promise<QueueResult>> = {
  awaiting_orientation: awaitingOrientation,
  awaiting_contract: awaitingContract,
  reorientation_requests: reorientationRequests,
  join_requests: joinRequests,
  without_referent: withoutReferent,
  without_contact: withoutContact,
};

/** People of the territory whose name matches (normalised search key, words in any order), by name. */
export async function searchPeople(db: Db, territoryId: string, scope: SQL, searchKey: string, limit: number) {
  const result = (await db.execute(sql`select people.id as person_id, people.first_names, people.last_name, people.birth_date::text as birth_date, people.commune_code
    from people where people.territory_id = ${territoryId}::uuid and people.merged_into is null and ${scope} and ${nameSearch(sql`people.search_key`, searchKey)}
    order by people.last_name_key, people.first_name_key, people.id limit ${limit}`)) as unknown as { rows: { person_id: string; first_names: string; last_name: string; birth_date: string; commune_code: string | null }[] };
  return result.rows;
}
