// The coordinators' queues of a territory: one function per queue, each a plain predicate on the
// stored deadlines of `people` (pathway/stored-deadlines.ts: pending_step, legal_due_on,
// contact_due_on, deadline_dates, written by the pure rules of common/domain/deadlines.ts with the
// territory's settings) or on the referent flag kept by a trigger (has_referent), walked in the
// order of its index (people_queue_*_idx, people_territory_contact_due_idx), the most urgent first.
// The rules themselves are never repeated here.
//
// `scope` is the policy's SQL condition on `people` (peopleOfTerritoriesCoordinatedBy), or none for
// counts that show no person (steering).
import { sql, type SQL } from "drizzle-orm";
import type { QueueKind } from "../../../common/schemas/territories.ts";
import type { Db } from "../../db/client.ts";
import { nameSearch } from "../../db/name-search.ts";

export interface QueueParams {
  territoryId: string;
  scope: SQL | undefined;
  /** The territory's today (its time zone). */
  today: string;
  timeZone: string;
  /** Items to return (0: the count only), from `offset`. */
  limit: number;
  offset: number;
  /** Count up to cap + 1 rows only (the workspace shows "1 000+"); undefined: the exact count. */
  cap: number | undefined;
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
  /** Exact, or cap + 1 when there are more than `cap`. */
  count: number;
  rows: QueueRow[];
}

/** One queue: what it selects besides the person, from where, on which condition, in which order. */
interface QueueQuery {
  columns: SQL;
  from: SQL;
  where: SQL;
  order: SQL;
}

const PERSON_COLUMNS = sql`people.id as person_id, people.first_names, people.last_name, people.birth_date::text as birth_date`;

function inTerritory(p: QueueParams): SQL {
  // A merged file (tombstone) waits for nothing: its pathway moved to the kept file.
  return sql`people.territory_id = ${p.territoryId}::uuid and people.merged_into is null and ${p.scope ?? sql`true`}`;
}

function mapRow(r: Record<string, unknown>): QueueRow {
  return {
    person_id: String(r.person_id),
    first_names: String(r.first_names),
    last_name: String(r.last_name),
    birth_date: String(r.birth_date),
    since: (r.since as string | null) ?? null,
    due_on: (r.due_on as string | null) ?? null,
    request_id: (r.request_id as string | null) ?? null,
  };
}

/**
 * Runs queues together: one statement for their counts (capped unless p.cap is undefined) and one
 * for their pages (each branch walks its own index), whatever the number of queues.
 */
export async function runQueues<K extends QueueKind>(db: Db, kinds: readonly K[], p: QueueParams): Promise<Record<K, QueueResult>> {
  const queries = kinds.map((kind) => ({ kind, q: QUEUES[kind](p) }));
  const counts = sql.join(
    queries.map(({ kind, q }) =>
      p.cap === undefined
        ? sql`(select count(*)::int from ${q.from} where ${q.where}) as ${sql.identifier(kind)}`
        : sql`(select count(*)::int from (select 1 from ${q.from} where ${q.where} limit ${p.cap + 1}) c) as ${sql.identifier(kind)}`,
    ),
    sql`, `,
  );
  const pages = sql.join(
    queries.map(({ kind, q }) => sql`(select ${kind}::text as kind, ${PERSON_COLUMNS}, ${q.columns} from ${q.from} where ${q.where} order by ${q.order} limit ${p.limit} offset ${p.offset})`),
    sql` union all `,
  );
  const [counted, listed] = await Promise.all([
    db.execute(sql`select ${counts}`) as unknown as Promise<{ rows: Record<string, number>[] }>,
    p.limit > 0 ? (db.execute(pages) as unknown as Promise<{ rows: Record<string, unknown>[] }>) : Promise.resolve({ rows: [] as Record<string, unknown>[] }),
  ]);
  const out = {} as Record<K, QueueResult>;
  for (const kind of kinds) out[kind] = { count: Number(counted.rows[0]?.[kind] ?? 0), rows: [] };
  for (const r of listed.rows) out[r.kind as K].rows.push(mapRow(r));
  return out;
}

/**
 * People owed a first orientation (pending_step = orientation: none decided, the RSA right neither
 * refused nor closed). Due when the stored legal deadline says; people whose RSA right's opening
 * date is unknown come last, oldest file first.
 */
export function awaitingOrientation(p: QueueParams): QueueQuery {
  return {
    columns: sql`people.rsa_right_opened_on::text as since, people.legal_due_on::text as due_on, null::uuid as request_id`,
    from: sql`people`,
    where: sql`${inTerritory(p)} and people.pending_step = 'orientation'`,
    order: sql`people.legal_due_on asc nulls last, people.created_at asc, people.id asc`,
  };
}

/**
 * People oriented whose contract is not signed (pending_step = contract: no contract signed since the
 * latest orientation — a réorientation restarts the month — was notified). Due a month after it.
 */
export function awaitingContract(p: QueueParams): QueueQuery {
  return {
    columns: sql`people.deadline_dates -> 'contract' ->> 'started_on' as since, people.legal_due_on::text as due_on, null::uuid as request_id`,
    from: sql`people`,
    where: sql`${inTerritory(p)} and people.pending_step = 'contract'`,
    order: sql`people.legal_due_on asc, people.id asc`,
  };
}

/** Pending réorientation requests, oldest first. */
export function reorientationRequests(p: QueueParams): QueueQuery {
  return {
    columns: sql`(r.created_at at time zone ${p.timeZone})::date::text as since, null::text as due_on, r.id as request_id`,
    from: sql`people join reorientation_requests r on r.person_id = people.id and r.status = 'pending'`,
    where: inTerritory(p),
    order: sql`r.created_at asc, r.id asc`,
  };
}

/** Pending requests to join a team, oldest first (one line per request). */
export function joinRequests(p: QueueParams): QueueQuery {
  return {
    columns: sql`(j.created_at at time zone ${p.timeZone})::date::text as since, null::text as due_on, j.id as request_id`,
    from: sql`people join join_requests j on j.person_id = people.id and j.status = 'pending'`,
    where: inTerritory(p),
    order: sql`j.created_at asc, j.id asc`,
  };
}

/** Files with no active référent (has_referent, kept by a trigger on team_members), oldest file first. */
export function withoutReferent(p: QueueParams): QueueQuery {
  return {
    columns: sql`(people.created_at at time zone ${p.timeZone})::date::text as since, null::text as due_on, null::uuid as request_id`,
    from: sql`people`,
    where: sql`${inTerritory(p)} and not people.has_referent`,
    order: sql`people.created_at asc, people.id asc`,
  };
}

/**
 * Files without contact: exactly the lists' "no contact" filter, the stored contact deadline is
 * past (its start: the last contact — a note recording a contact, neither author-only nor deleted,
 * or a contract signature — or the file's creation). People whose RSA right was refused are not
 * followed: they owe no contact (null contact_due_on). Longest silence first.
 */
export function withoutContact(p: QueueParams): QueueQuery {
  return {
    columns: sql`people.deadline_dates -> 'contact' ->> 'started_on' as since, people.contact_due_on::text as due_on, null::uuid as request_id`,
    from: sql`people`,
    where: sql`${inTerritory(p)} and people.contact_due_on < ${p.today}::date`,
    order: sql`people.contact_due_on asc, people.id asc`,
  };
}

export const QUEUES: Record<QueueKind, (p: QueueParams) => QueueQuery> = {
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
