// Queries of the referrals (no rules: those are in referrals.service.ts and server/policy).
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { services } from "../directory/directory.tables.ts";
import { people, team_members } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { referral_transitions, referrals } from "./referrals.tables.ts";

export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralInsert = typeof referrals.$inferInsert;
export type TransitionInsert = typeof referral_transitions.$inferInsert;

// Names shown beside a referral, read by sub-queries on the referral's own columns.
const receivingName = sql<string>`(select s.name from ${structures} s where s.id = "referrals"."receiving_structure_id")`;
const senderName = sql<string | null>`(select u.name from ${users} u where u.id = "referrals"."sender_user_id")`;
const senderEmail = sql<string | null>`(select u.email from ${users} u where u.id = "referrals"."sender_user_id")`;
const senderStructureName = sql<string | null>`(select s.name from ${memberships} m join ${structures} s on s.id = m.structure_id where m.id = "referrals"."sender_membership_id")`;
const consentBy = sql<string | null>`(select u.name from ${users} u where u.id = "referrals"."consent_recorded_by_user_id")`;

export async function findReferral(db: Db, id: string) {
  const [row] = await db
    .select({
      referral: referrals,
      receiving_name: receivingName,
      sender_name: senderName,
      sender_email: senderEmail,
      sender_structure_name: senderStructureName,
      consent_by: consentBy,
      service_thematiques: sql<string[] | null>`(select sv.thematiques from ${services} sv where sv.id = "referrals"."service_id")`,
      service_commune_code: sql<string | null>`(select coalesce(sv.code_insee, s.commune_code) from ${services} sv join ${structures} s on s.id = sv.structure_id where sv.id = "referrals"."service_id")`,
    })
    .from(referrals)
    .where(eq(referrals.id, id));
  return row;
}
export type ReferralWithNames = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/** The referral's row locked for a change (in a transaction). */
export async function lockReferral(db: Db, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id)).for("update");
  return row;
}

export async function linkState(db: Db, id: string) {
  const [row] = await db.select({ version: referrals.link_version, by_link: referrals.by_link }).from(referrals).where(eq(referrals.id, id));
  return row;
}

export async function listTransitions(db: Db, referralId: string) {
  return db
    .select({
      t: referral_transitions,
      actor_name: users.name,
      structure_name: structures.name,
    })
    .from(referral_transitions)
    .leftJoin(users, eq(users.id, referral_transitions.actor_user_id))
    .leftJoin(memberships, eq(memberships.id, referral_transitions.actor_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .where(eq(referral_transitions.referral_id, referralId))
    .orderBy(asc(referral_transitions.seq));
}

export async function insertReferral(db: Db, values: ReferralInsert): Promise<ReferralRow> {
  const [row] = await db.insert(referrals).values(values).returning();
  return row!;
}

export async function updateReferral(db: Db, id: string, values: Partial<ReferralInsert>): Promise<void> {
  await db.update(referrals).set({ ...values, updated_at: new Date() }).where(eq(referrals.id, id));
}

export async function insertTransition(db: Db, values: TransitionInsert): Promise<void> {
  await db.insert(referral_transitions).values(values);
}

/** The service with its structure, and whether the structure has active members who receive referrals. */
export async function serviceForReferral(db: Db, serviceId: string) {
  const [row] = await db
    .select({
      service: {
        id: services.id,
        nom: services.nom,
        status: services.status,
        courriel: services.courriel,
        telephone: services.telephone,
        adresse: services.adresse,
        code_postal: services.code_postal,
        commune: services.commune,
        code_insee: services.code_insee,
        conditions_acces: services.conditions_acces,
        publics: services.publics,
        publics_precisions: services.publics_precisions,
      },
      structure: {
        id: structures.id,
        name: structures.name,
        email: structures.email,
        phone: structures.phone,
        street: structures.street,
        postal_code: structures.postal_code,
        commune: structures.commune,
        commune_code: structures.commune_code,
        territory_id: structures.territory_id,
        deactivated_at: structures.deactivated_at,
      },
      members: sql<number>`(select count(*)::int from ${memberships} m where m.structure_id = ${structures.id} and m.ended_at is null and m.role in ('professional', 'structure_admin', 'coordinator'))`,
    })
    .from(services)
    .innerJoin(structures, eq(structures.id, services.structure_id))
    .where(eq(services.id, serviceId));
  return row;
}
export type ServiceForReferral = NonNullable<Awaited<ReturnType<typeof serviceForReferral>>>;

export async function personContact(db: Db, personId: string) {
  const [row] = await db.select({ first_names: people.first_names, last_name: people.last_name, phone: people.phone, email: people.email }).from(people).where(eq(people.id, personId));
  return row;
}

/** E-mail addresses of the active members of a structure with these roles (accounts not disabled). */
export async function memberEmails(db: Db, structureId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(and(eq(memberships.structure_id, structureId), isNull(memberships.ended_at), inArray(memberships.role, [...roles]), isNull(users.disabled_at)));
  return rows.map((r) => r.email);
}

/** E-mail addresses of the coordinators of a territory (active, accounts not disabled). */
export async function coordinatorEmails(db: Db, territoryId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .where(and(eq(structures.territory_id, territoryId), isNull(structures.deactivated_at), isNull(memberships.ended_at), eq(memberships.role, "coordinator"), isNull(users.disabled_at)));
  return rows.map((r) => r.email);
}

export async function userEmail(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ email: users.email, disabled_at: users.disabled_at }).from(users).where(eq(users.id, userId));
  return row && !row.disabled_at ? row.email : null;
}

export async function structureTerritory(db: Db, structureId: string) {
  const [row] = await db.select({ name: structures.name, territory_id: structures.territory_id }).from(structures).where(eq(structures.id, structureId));
  return row;
}

/** SQL condition on `referrals`: those received by these structures. */
export function receivedBy(structureIds: string[]): SQL {
  if (structureIds.length === 0) return sql`false`;
  return inArray(referrals.receiving_structure_id, structureIds)!;
}

/** The caller's active seats in these people's teams (for the access log of a list). */
export async function teamSeats(db: Db, userId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectDistinctOn([team_members.person_id], { person_id: team_members.person_id, membership_id: team_members.membership_id })
    .from(team_members)
    .innerJoin(memberships, eq(memberships.id, team_members.membership_id))
    .where(and(inArray(team_members.person_id, [...new Set(personIds)]), eq(team_members.user_id, userId), isNull(team_members.left_at), isNull(memberships.ended_at)))
    .orderBy(team_members.person_id, desc(team_members.is_referent));
}

const OPEN = sql`"referrals"."status" in ('sent', 'in_review')`;

export interface ListFilters {
  scope: SQL;
  status?: string | undefined;
  overdue?: boolean | undefined;
  service_id?: string | undefined;
  now: Date;
  /** Received: open ones first, overdue first (by due time); sent: newest first. */
  order: "inbox" | "newest";
  limit: number;
  offset: number;
}

export async function listReferrals(db: Db, f: ListFilters) {
  const overdue = sql`("referrals"."status" = 'sent' and "referrals"."due_at" <= ${f.now.toISOString()}::timestamptz)`;
  const where = and(
    f.scope,
    f.status ? eq(referrals.status, f.status) : undefined,
    f.overdue === true ? overdue : f.overdue === false ? sql`not ${overdue}` : undefined,
    f.service_id ? eq(referrals.service_id, f.service_id) : undefined,
  )!;
  // The page's ids first, each part in the order of its index; then their details (20 rows).
  const n = f.offset + f.limit;
  // A filter on the state (or on being overdue, which only a "sent" one is) keeps one half of the inbox.
  const onlyOpen = f.overdue === true || (f.status !== undefined && (f.status === "sent" || f.status === "in_review"));
  const onlyClosed = f.status !== undefined && !onlyOpen;
  const openPart = sql`select id from ${referrals} where ${where} and ${OPEN} order by due_at, id limit ${n}`;
  const closedPart = sql`select id from ${referrals} where ${where} and not ${OPEN} order by sent_at desc, id desc limit ${n}`;
  const idsQuery =
    f.order !== "inbox"
      ? sql`select id from ${referrals} where ${where} order by sent_at desc, id desc limit ${f.limit} offset ${f.offset}`
      : onlyOpen
        ? openPart
        : onlyClosed
          ? closedPart
          : // Open ones by due time (referrals_inbox_open_idx), then the others newest first (referrals_received_sent_idx).
            sql`select id from (
              select id, 0 as grp, row_number() over () as rn from (${openPart}) a
              union all
              select id, 1 as grp, row_number() over () as rn from (${closedPart}) b
            ) x order by grp, rn limit ${f.limit} offset ${f.offset}`;
  const single = f.order === "inbox" && (onlyOpen || onlyClosed);
  const [idRows, [total]] = await Promise.all([db.execute(idsQuery) as unknown as Promise<{ rows: { id: string }[] }>, db.select({ n: count() }).from(referrals).where(where)]);
  const ids = idRows.rows.map((r) => r.id).slice(single ? f.offset : 0, single ? f.offset + f.limit : undefined);
  if (ids.length === 0) return { items: [], total: total?.n ?? 0 };
  const rows = await db
    .select({
      id: referrals.id,
      status: referrals.status,
      person_id: referrals.person_id,
      shared_person: referrals.shared_person,
      service_id: referrals.service_id,
      service_name: referrals.service_name,
      receiving_structure_id: referrals.receiving_structure_id,
      receiving_name: receivingName,
      sender_name: senderName,
      sender_structure_name: senderStructureName,
      sent_at: referrals.sent_at,
      due_at: referrals.due_at,
      time_zone: referrals.time_zone,
    })
    .from(referrals)
    .where(inArray(referrals.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => byId.get(id)!).filter(Boolean), total: total?.n ?? 0 };
}

/** Received referrals waiting for an answer, and how many of them are overdue. */
export async function inboxCounts(db: Db, scope: SQL, now: Date) {
  const [row] = await db
    .select({
      to_answer: sql<number>`count(*) filter (where ${OPEN})::int`,
      overdue: sql<number>`count(*) filter (where "referrals"."status" = 'sent' and "referrals"."due_at" <= ${now.toISOString()}::timestamptz)::int`,
    })
    .from(referrals)
    .where(and(scope, OPEN));
  return { to_answer: row?.to_answer ?? 0, overdue: row?.overdue ?? 0 };
}

/** Per receiving structure: referrals sent in [from, to), and their answers against the due time. */
export async function answerStats(db: Db, f: { scope: SQL | null; structure_id?: string | undefined; from?: string | undefined; to?: string | undefined; now: Date }) {
  const now = sql`${f.now.toISOString()}::timestamptz`;
  return db
    .select({
      structure_id: structures.id,
      structure_name: structures.name,
      received: sql<number>`count(*)::int`,
      due: sql<number>`count(*) filter (where ${referrals.answered_at} is not null or ${referrals.due_at} <= ${now} or ${referrals.status} not in ('sent', 'in_review'))::int`,
      answered_in_time: sql<number>`count(*) filter (where ${referrals.answered_at} is not null and ${referrals.answered_at} <= ${referrals.due_at})::int`,
      answered_late: sql<number>`count(*) filter (where ${referrals.answered_at} > ${referrals.due_at})::int`,
      unanswered_overdue: sql<number>`count(*) filter (where ${referrals.answered_at} is null and ${referrals.due_at} <= ${now})::int`,
    })
    .from(referrals)
    .innerJoin(structures, eq(structures.id, referrals.receiving_structure_id))
    .where(
      and(
        f.scope ?? undefined,
        f.structure_id ? eq(structures.id, f.structure_id) : undefined,
        f.from ? sql`${referrals.sent_at} >= (${f.from}::date at time zone ${referrals.time_zone})` : undefined,
        f.to ? sql`${referrals.sent_at} < ((${f.to}::date + 1) at time zone ${referrals.time_zone})` : undefined,
      ),
    )
    .groupBy(structures.id, structures.name)
    .orderBy(asc(structures.name));
}

// ── The jobs' queries ───────────────────────────────────────────────────────────────────────────

export async function dueForReminder(db: Db, now: Date, limit = 200) {
  return db
    .select()
    .from(referrals)
    .where(and(eq(referrals.status, "sent"), isNull(referrals.reminded_at), sql`${referrals.remind_at} <= ${now.toISOString()}::timestamptz`, sql`${referrals.due_at} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(referrals.remind_at))
    .limit(limit);
}

export async function dueForEscalation(db: Db, now: Date, limit = 200) {
  return db
    .select()
    .from(referrals)
    .where(and(eq(referrals.status, "sent"), isNull(referrals.escalated_at), sql`${referrals.due_at} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(referrals.due_at))
    .limit(limit);
}

export async function dueForExpiry(db: Db, cutoff: Date, limit = 200) {
  return db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(OPEN, sql`${referrals.sent_at} <= ${cutoff.toISOString()}::timestamptz`))
    .orderBy(asc(referrals.sent_at))
    .limit(limit);
}

/** The services of these structures (the inbox's service filter), by name. */
export async function servicesOf(db: Db, structureIds: string[]) {
  if (structureIds.length === 0) return [];
  return db
    .select({ id: services.id, name: services.nom })
    .from(services)
    .where(and(inArray(services.structure_id, structureIds), sql`${services.status} <> 'archived'`))
    .orderBy(asc(services.nom))
    .limit(200);
}
