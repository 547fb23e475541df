// Data access for people, their teams and join requests. Plain queries; rules live in the service
// and in server/policy.
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { planOnce } from "../../db/plan-once.ts";
import { nameSearch } from "../../db/name-search.ts";
import { nearBirthDates, TRIGRAM_RECALL } from "../../../common/domain/duplicates.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";
import { join_requests, people, team_members } from "./people.tables.ts";
import type { TeamScope } from "../../policy/people.ts";

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;

export async function insertPerson(db: Db, values: PersonInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row!;
}

/** The unique indexes that keep one file per person (people.tables.ts). */
const IDENTIFIER_KEYS = new Set(["people_nir_hash_key"]);

/**
 * Whether an error is a unique violation (23505) of a person identifier: another file took the
 * NIR between the duplicate check and the write. Drizzle wraps the driver's error (node-postgres or
 * PGlite) in `cause`.
 */
export function isIdentifierConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return typeof constraint === "string" && IDENTIFIER_KEYS.has(constraint);
  }
  return false;
}

/**
 * Serialises, until the end of the transaction, the writes of files holding this CAF/MSA number (a
 * household's, so not unique): the duplicate check re-run under it sees the file a concurrent
 * creation has just committed.
 */
export async function lockHousehold(db: Db, cafNumber: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`spie:caf:${cafNumber}`}, 0))`);
}

export async function updatePerson(db: Db, id: string, values: Partial<PersonInsert>): Promise<void> {
  await db.update(people).set({ ...values, updated_at: new Date() }).where(eq(people.id, id));
}

export async function findPerson(db: Db, id: string) {
  const [row] = await planOnce(db.select({ person: people, territory_name: territories.name }).from(people).leftJoin(territories, eq(territories.id, people.territory_id)).where(eq(people.id, id)));
  return row;
}

/** "First names LAST NAME" of each person, for lists the caller may read. */
export async function namesOf(db: Db, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.select({ id: people.id, first_names: people.first_names, last_name: people.last_name }).from(people).where(inArray(people.id, personIds));
  return new Map(rows.map((r) => [r.id, `${r.first_names} ${r.last_name}`]));
}

export interface Referent {
  user_id: string;
  name: string;
  structure_name: string;
}

export async function referentsOf(db: Db, personIds: string[]): Promise<Map<string, Referent>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ person_id: team_members.person_id, user_id: users.id, name: users.name, structure_name: structures.name })
    .from(team_members)
    .innerJoin(users, eq(users.id, team_members.user_id))
    .innerJoin(structures, eq(structures.id, team_members.structure_id))
    .where(and(inArray(team_members.person_id, personIds), eq(team_members.is_referent, true), isNull(team_members.left_at)));
  return new Map(rows.map(({ person_id, ...r }) => [person_id, r]));
}

/** Each sort: its columns (all ascending or all descending, the id last), served by one index. */
const SORT_COLUMNS: Record<string, { columns: string[]; desc: boolean }> = {
  name: { columns: ["last_name_key", "first_name_key", "id"], desc: false },
  "-name": { columns: ["last_name_key", "first_name_key", "id"], desc: true },
  updated_at: { columns: ["updated_at", "id"], desc: false },
  "-updated_at": { columns: ["updated_at", "id"], desc: true },
  birth_date: { columns: ["birth_date", "id"], desc: false },
  "-birth_date": { columns: ["birth_date", "id"], desc: true },
  // The earliest due date (legal or contact) first; files with none last.
  urgency: { columns: ["urgent_due_on", "id"], desc: false },
  "-urgency": { columns: ["urgent_due_on", "id"], desc: true },
};

interface ListFilters {
  searchKey?: string | undefined;
  noReferent?: boolean | undefined;
  /** Only people with a pending legal deadline due before this day (stored by the pure rules). */
  overdueOn?: string | undefined;
  /** Only people whose contact deadline is before this day. */
  noContactOn?: string | undefined;
}

/** `scope`: the policy's SQL condition on `people` (server/policy/people.ts peopleInTeamOf). */
function myPeopleWhere(scope: SQL, options: ListFilters) {
  // has_referent is kept from team_members by a trigger (migration 0012).
  const noReferent = sql`not ${people.has_referent}`;
  return and(
    scope,
    isNull(people.merged_into),
    options.searchKey ? nameSearch(sql`${people.search_key}`, options.searchKey) : undefined,
    options.noReferent ? noReferent : undefined,
    options.overdueOn ? lt(people.legal_due_on, options.overdueOn) : undefined,
    options.noContactOn ? lt(people.contact_due_on, options.noContactOn) : undefined,
  );
}

/** The columns of a list page's people. */
const LIST_FIELDS = {
  id: people.id,
  first_names: people.first_names,
  last_name: people.last_name,
  birth_date: people.birth_date,
  commune_code: people.commune_code,
  updated_at: people.updated_at,
  territory_id: people.territory_id,
  deadline_dates: people.deadline_dates,
};

/**
 * A page of the people the scope lets the caller list ("my people"), in one index order: after a
 * person (keyset, `after`) or at a bounded offset; the total counted up to `cap` + 1 only.
 */
export async function listPeople(db: Db, teamScope: TeamScope, options: ListFilters & { sort: string; after?: string | undefined; offset: number; pageSize: number; cap: number }) {
  const scope = teamScope.people;
  const sort = SORT_COLUMNS[options.sort] ?? SORT_COLUMNS.name!;
  const cols = sql.join(
    sort.columns.map((c) => sql`${sql.identifier("people")}.${sql.identifier(c)}`),
    sql`, `,
  );
  const where = myPeopleWhere(scope, options);
  // The cursor row is read in the same scope: a person outside the list is no position in it.
  const after = options.after
    ? sql`(${cols}) ${sort.desc ? sql`<` : sql`>`} (select ${cols} from ${people} where ${people.id} = ${options.after} and ${scope})`
    : undefined;
  const direction = sort.desc ? desc : asc;
  const byName = (options.sort === "name" || options.sort === "-name") && !options.searchKey && !options.noReferent;
  const [rows, counted] = await Promise.all([
    byName
      ? pageOfSeatsByName(db, teamScope, { desc: sort.desc, after: options.after, offset: options.offset, limit: options.pageSize + 1, due: seatDue(options) })
      : db
          .select(LIST_FIELDS)
          .from(people)
          .where(and(where, after))
          .orderBy(...sort.columns.map((c) => direction(sql`${sql.identifier("people")}.${sql.identifier(c)}`)))
          .limit(options.pageSize + 1)
          .offset(options.after ? 0 : options.offset),
    capCount(db, teamScope, where, options),
  ]);
  const n = counted?.n ?? 0;
  const more = rows.length > options.pageSize;
  const page = more ? rows.slice(0, options.pageSize) : rows;
  return { rows: page, nextAfter: more ? page[page.length - 1]!.id : null, total: Math.min(n, options.cap), capped: n > options.cap };
}

/** The "overdue" and "no contact" filters on the caller's seats, which carry their person's due dates (migration 0023). */
function seatDue(options: ListFilters): SQL | undefined {
  return and(
    options.overdueOn ? sql`tm.legal_due_on < ${options.overdueOn}` : undefined,
    options.noContactOn ? sql`tm.contact_due_on < ${options.noContactOn}` : undefined,
  );
}

/**
 * A page of "my people" in name order, unfiltered or "overdue" / "no contact": the caller's seats
 * in one index range (team_members_membership_name_idx: the seats carry their person's name keys,
 * migration 0027, and due dates, 0023), then the page's people by id. The same rows, in the same
 * order, as the walk of people_name_sort_idx under the scope's condition: a seat is an active team
 * row of the caller (one per person with several memberships), and a merged file has none (the
 * merge moves every team row). "Overdue" at 560 files: ~100 buffers instead of ~2,300.
 */
async function pageOfSeatsByName(db: Db, scope: TeamScope, page: { desc: boolean; after?: string | undefined; offset: number; limit: number; due: SQL | undefined }) {
  const dir = page.desc ? sql`desc` : sql`asc`;
  const after = page.after
    ? sql`(tm.last_name_key, tm.first_name_key, tm.person_id) ${page.desc ? sql`<` : sql`>`} (select ${people.last_name_key}, ${people.first_name_key}, ${people.id} from ${people} where ${people.id} = ${page.after} and ${scope.people})`
    : undefined;
  const seats = db
    .select({ person_id: sql<string>`tm.person_id`.as("person_id"), last_key: sql<string>`tm.last_name_key`.as("last_key"), first_key: sql<string>`tm.first_name_key`.as("first_key") })
    .from(sql`${team_members} tm`)
    .where(and(scope.seats, page.due, after))
    .orderBy(sql`tm.last_name_key ${dir}`, sql`tm.first_name_key ${dir}`, sql`tm.person_id ${dir}`)
    .limit(page.limit)
    .offset(page.after ? 0 : page.offset)
    .as("seats");
  const order = page.desc ? desc : asc;
  return db
    .select(LIST_FIELDS)
    .from(seats)
    .innerJoin(people, eq(people.id, seats.person_id))
    .orderBy(order(seats.last_key), order(seats.first_key), order(seats.person_id));
}

/**
 * The list's total, counted up to `cap` + 1. Without a name search or "no référent" filter it walks
 * the caller's seats (team_members_membership_*_idx: one index range, whatever the list's size)
 * with the due dates the seats carry; otherwise it counts people under the full condition.
 */
async function capCount(db: Db, scope: TeamScope, where: SQL | undefined, options: ListFilters & { cap: number }) {
  const capped = options.searchKey || options.noReferent
    ? db.select({ one: sql`1` }).from(people).where(where).limit(options.cap + 1)
    : db
        .select({ one: sql`1` })
        .from(sql`${team_members} tm`)
        .where(and(scope.seats, seatDue(options)))
        .limit(options.cap + 1);
  const [counted] = await db.select({ n: count() }).from(capped.as("capped"));
  return counted;
}

/** The team rows a list page shows: each person's référent and the caller's own seats (one query). */
export async function pageTeam(db: Db, personIds: string[], userId: string): Promise<{ referents: Map<string, Referent>; referentOfMine: Set<string> }> {
  const referents = new Map<string, Referent>();
  const referentOfMine = new Set<string>();
  if (personIds.length === 0) return { referents, referentOfMine };
  const rows = await db
    .select({ person_id: team_members.person_id, user_id: users.id, name: users.name, structure_name: structures.name })
    .from(team_members)
    .innerJoin(users, eq(users.id, team_members.user_id))
    .innerJoin(structures, eq(structures.id, team_members.structure_id))
    .where(and(inArray(team_members.person_id, personIds), eq(team_members.is_referent, true), isNull(team_members.left_at)));
  for (const { person_id, ...r } of rows) {
    referents.set(person_id, r);
    if (r.user_id === userId) referentOfMine.add(person_id);
  }
  return { referents, referentOfMine };
}

export interface DuplicateKeys {
  search_key: string;
  birth_date: string;
  caf_number?: string | null | undefined;
  france_travail_id?: string | null | undefined;
  department_id?: string | null | undefined;
  nir_hash?: string | null | undefined;
}

export interface DuplicateRow {
  person_id: string;
  first_names: string;
  last_name: string;
  birth_name: string | null;
  birth_date: string;
  same_nir: boolean;
  same_caf_number: boolean;
  same_france_travail_id: boolean;
  same_department_id: boolean;
}

/** Rows read per check at most (the candidates are scored and cut after). */
export const DUPLICATE_ROWS = 50;

/**
 * The ids of the files whose birth date is close to this one (nearBirthDates: ~35 dates) and whose
 * normalised names are similar (pg_trgm similarity() of the "last birth firsts" keys ≥ TRIGRAM_RECALL,
 * the order of the words ignored), best first. Read from people_birth_search_idx alone (birth date,
 * key, id; merged files left out): no row of the table is read for the hundreds of people born on
 * those days.
 */
export function similarPeopleIds(keys: Pick<DuplicateKeys, "search_key" | "birth_date">, limit: number): SQL {
  const dates = sql.join(
    nearBirthDates(keys.birth_date).map((d) => sql`${d}::date`),
    sql`, `,
  );
  return sql`select id from people where birth_date in (${dates}) and merged_into is null and similarity(search_key, ${keys.search_key}) >= ${TRIGRAM_RECALL}
    order by similarity(search_key, ${keys.search_key}) desc limit ${limit}`;
}

/**
 * Files that may be the same person (never a merged file): one identifier in common (unique or
 * plain indexes), or close birth date and similar names (similarPeopleIds). Two look-ups, each
 * served by its indexes; the service decides which rows are candidates and why
 * (common/domain/duplicates.ts).
 */
export async function findDuplicates(db: Db, keys: DuplicateKeys, excludeId?: string): Promise<DuplicateRow[]> {
  const same = (column: SQL, value: string | null | undefined) => (value ? sql<boolean>`coalesce(${column} = ${value}, false)` : sql<boolean>`false`);
  const columns = {
    person_id: people.id,
    first_names: people.first_names,
    last_name: people.last_name,
    birth_name: people.birth_name,
    birth_date: people.birth_date,
    same_nir: same(sql`${people.nir_hash}`, keys.nir_hash),
    same_caf_number: same(sql`${people.caf_number}`, keys.caf_number),
    same_france_travail_id: same(sql`${people.france_travail_id}`, keys.france_travail_id),
    same_department_id: same(sql`${people.department_id}`, keys.department_id),
  };
  const identifier = or(
    keys.caf_number ? eq(people.caf_number, keys.caf_number) : undefined,
    keys.france_travail_id ? eq(people.france_travail_id, keys.france_travail_id) : undefined,
    keys.department_id ? eq(people.department_id, keys.department_id) : undefined,
    keys.nir_hash ? eq(people.nir_hash, keys.nir_hash) : undefined,
  );
  const notExcluded = excludeId ? sql`${people.id} <> ${excludeId}` : undefined;
  // Both look-ups at once; the similar rows in one query (the ids from the index alone, then 50 rows).
  const [byIdentifier, bySimilarity] = await Promise.all([
    identifier ? db.select(columns).from(people).where(and(identifier, isNull(people.merged_into), notExcluded)).limit(DUPLICATE_ROWS) : Promise.resolve([]),
    db
      .select(columns)
      .from(people)
      .where(and(sql`${people.id} in (${similarPeopleIds(keys, DUPLICATE_ROWS)})`, notExcluded)),
  ]);
  const seen = new Set<string>();
  return [...byIdentifier, ...bySimilarity].filter((r) => !seen.has(r.person_id) && seen.add(r.person_id));
}

export async function activeTeam(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      id: team_members.id,
      person_id: team_members.person_id,
      user_id: users.id,
      user_name: users.name,
      user_email: users.email,
      structure_id: structures.id,
      structure_name: structures.name,
      structure_sensitive: structures.sensitive,
      membership_id: team_members.membership_id,
      is_referent: team_members.is_referent,
      joined_at: team_members.joined_at,
    })
    .from(team_members)
    .innerJoin(users, eq(users.id, team_members.user_id))
    .innerJoin(structures, eq(structures.id, team_members.structure_id))
    .where(and(inArray(team_members.person_id, personIds), isNull(team_members.left_at)))
    .orderBy(desc(team_members.is_referent), asc(team_members.joined_at));
}

export async function insertTeamMember(db: Db, values: typeof team_members.$inferInsert): Promise<void> {
  await db.insert(team_members).values(values);
}

export async function setReferent(db: Db, personId: string, memberId: string): Promise<void> {
  await db.update(team_members).set({ is_referent: false }).where(and(eq(team_members.person_id, personId), eq(team_members.is_referent, true), isNull(team_members.left_at)));
  await db.update(team_members).set({ is_referent: true }).where(eq(team_members.id, memberId));
}

/** The person has no référent any more (their seat stays in the team). */
export async function clearReferent(db: Db, personId: string): Promise<void> {
  await db.update(team_members).set({ is_referent: false }).where(and(eq(team_members.person_id, personId), eq(team_members.is_referent, true), isNull(team_members.left_at)));
}

export type JoinRequestRow = typeof join_requests.$inferSelect;

export async function insertJoinRequest(db: Db, values: typeof join_requests.$inferInsert): Promise<JoinRequestRow> {
  const [row] = await db.insert(join_requests).values(values).returning();
  return row!;
}

export async function findJoinRequest(db: Db, id: string): Promise<JoinRequestRow | undefined> {
  const [row] = await db.select().from(join_requests).where(eq(join_requests.id, id));
  return row;
}

export async function pendingJoinRequestsOf(db: Db, userId: string, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ person_id: join_requests.person_id })
    .from(join_requests)
    .where(and(eq(join_requests.requester_user_id, userId), eq(join_requests.status, "pending"), inArray(join_requests.person_id, personIds)));
  return new Set(rows.map((r) => r.person_id));
}

export async function decideJoinRequest(db: Db, id: string, values: { status: string; decided_by: string; decision_reason: string | null }): Promise<boolean> {
  const rows = await db
    .update(join_requests)
    .set({ ...values, decided_at: new Date() })
    .where(and(eq(join_requests.id, id), eq(join_requests.status, "pending")))
    .returning({ id: join_requests.id });
  return rows.length > 0;
}

function joinRequestsWithNames(db: Db) {
  return db
    .select({ request: join_requests, requester_name: users.name, structure_name: structures.name })
    .from(join_requests)
    .innerJoin(users, eq(users.id, join_requests.requester_user_id))
    .innerJoin(memberships, eq(memberships.id, join_requests.membership_id))
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .$dynamic();
}

export async function joinRequestWithNames(db: Db, id: string) {
  const [row] = await joinRequestsWithNames(db).where(eq(join_requests.id, id));
  return row;
}

/**
 * Join requests the user made, or may decide: on people they are référent of, or in the
 * territories they coordinate.
 */
export async function listJoinRequests(db: Db, options: { userId: string; coordinatedTerritoryIds: string[]; status?: string | undefined; page: number; pageSize: number }) {
  const { userId, coordinatedTerritoryIds } = options;
  const referentOf = sql`exists (select 1 from ${team_members} tm where tm.person_id = ${join_requests.person_id} and tm.user_id = ${userId} and tm.is_referent and tm.left_at is null)`;
  const coordinated = coordinatedTerritoryIds.length
    ? sql`exists (select 1 from ${people} p where p.id = ${join_requests.person_id} and p.territory_id in (${sql.join(coordinatedTerritoryIds.map((t) => sql`${t}`), sql`, `)}))`
    : undefined;
  const where = and(or(eq(join_requests.requester_user_id, userId), referentOf, coordinated), options.status ? eq(join_requests.status, options.status) : undefined);
  const [rows, [total]] = await Promise.all([
    joinRequestsWithNames(db)
      .where(where)
      .orderBy(desc(join_requests.created_at))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ n: count() }).from(join_requests).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function membershipInfo(db: Db, membershipId: string) {
  const [row] = await db
    .select({ id: memberships.id, user_id: memberships.user_id, user_name: users.name, structure_id: structures.id, structure_name: structures.name, ended_at: memberships.ended_at })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .where(eq(memberships.id, membershipId));
  return row;
}
