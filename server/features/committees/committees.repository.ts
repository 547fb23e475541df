// Queries of the committees feature. No rules here.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { cohorts } from "../cohorts/cohorts.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";
import {
  charter_signatures,
  committee_attendance,
  committee_calendar_subscriptions,
  committee_charters,
  committee_decisions,
  committee_members,
  committee_sessions,
  committee_submission_documents,
  committee_submissions,
  committees,
} from "./committees.tables.ts";

export type CommitteeRow = typeof committees.$inferSelect;
export type SessionRow = typeof committee_sessions.$inferSelect;
export type SubmissionRow = typeof committee_submissions.$inferSelect;
export type DecisionRow = typeof committee_decisions.$inferSelect;

export async function insertCommittee(db: Db, values: typeof committees.$inferInsert): Promise<CommitteeRow> {
  const [row] = await db.insert(committees).values(values).returning();
  return row!;
}

export async function updateCommittee(db: Db, id: string, values: Partial<typeof committees.$inferInsert>): Promise<void> {
  await db.update(committees).set({ ...values, updated_at: new Date() }).where(eq(committees.id, id));
}

export async function findCommittee(db: Db, id: string): Promise<(CommitteeRow & { territory_name: string }) | undefined> {
  const [row] = await db.select({ c: committees, territory_name: territories.name }).from(committees).innerJoin(territories, eq(territories.id, committees.territory_id)).where(eq(committees.id, id));
  return row ? { ...row.c, territory_name: row.territory_name } : undefined;
}

/** Locks the committee's row for the transaction (placements are serialised per committee). */
/** Which of these cohorts belong to the territory. */
export async function cohortsOfTerritory(db: Db, territoryId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.territory_id, territoryId), inArray(cohorts.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function lockCommittee(db: Db, id: string): Promise<void> {
  await db.select({ id: committees.id }).from(committees).where(eq(committees.id, id)).for("update");
}

export async function listCommittees(db: Db, territoryId: string | undefined): Promise<(CommitteeRow & { territory_name: string })[]> {
  const rows = await db
    .select({ c: committees, territory_name: territories.name })
    .from(committees)
    .innerJoin(territories, eq(territories.id, committees.territory_id))
    .where(territoryId ? eq(committees.territory_id, territoryId) : undefined)
    .orderBy(asc(territories.name), asc(committees.name))
    .limit(500);
  return rows.map((r) => ({ ...r.c, territory_name: r.territory_name }));
}

export async function allCommittees(db: Db): Promise<CommitteeRow[]> {
  return db.select().from(committees);
}

// ── Members ──

export async function listMembers(db: Db, committeeIds: string[]) {
  if (committeeIds.length === 0) return [];
  return db
    .select({
      id: committee_members.id,
      committee_id: committee_members.committee_id,
      structure_id: committee_members.structure_id,
      structure_name: structures.name,
      user_id: committee_members.user_id,
      user_name: users.name,
      email: users.email,
      role: committee_members.role,
    })
    .from(committee_members)
    .innerJoin(structures, eq(structures.id, committee_members.structure_id))
    .innerJoin(users, eq(users.id, committee_members.user_id))
    .where(and(inArray(committee_members.committee_id, committeeIds), isNull(committee_members.ended_at)))
    .orderBy(asc(structures.name), asc(users.name));
}
export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export async function endMembers(db: Db, committeeId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.update(committee_members).set({ ended_at: new Date() }).where(and(eq(committee_members.committee_id, committeeId), inArray(committee_members.id, ids)));
}

export async function insertMembers(db: Db, values: (typeof committee_members.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(committee_members).values(values);
}

/** Which of these users hold an active membership in the given structure (appointment check). */
export async function activeMembershipsIn(db: Db, pairs: { structure_id: string; user_id: string }[]) {
  if (pairs.length === 0) return [];
  return db
    .select({ structure_id: memberships.structure_id, user_id: memberships.user_id, territory_id: structures.territory_id })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .where(and(isNull(memberships.ended_at), inArray(memberships.user_id, [...new Set(pairs.map((p) => p.user_id))])));
}

/** The people who may be appointed: active members of the territory's structures (enabled accounts). */
export async function appointableMembers(db: Db, territoryId: string) {
  return db
    .selectDistinct({ structure_id: structures.id, structure_name: structures.name, user_id: users.id, user_name: users.name })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(and(eq(structures.territory_id, territoryId), isNull(memberships.ended_at), isNull(users.disabled_at)))
    .orderBy(asc(structures.name), asc(users.name));
}

// ── Charters ──

export async function currentCharter(db: Db, territoryId: string) {
  const [row] = await db.select().from(committee_charters).where(eq(committee_charters.territory_id, territoryId)).orderBy(desc(committee_charters.version)).limit(1);
  return row;
}

export async function findCharter(db: Db, id: string) {
  const [row] = await db.select().from(committee_charters).where(eq(committee_charters.id, id));
  return row;
}

export async function insertCharter(db: Db, territoryId: string, text: string, userId: string) {
  const current = await currentCharter(db, territoryId);
  const [row] = await db
    .insert(committee_charters)
    .values({ territory_id: territoryId, version: (current?.version ?? 0) + 1, text, created_by_user_id: userId })
    .returning();
  return row!;
}

export async function signatureOf(db: Db, charterId: string, userId: string) {
  const [row] = await db.select().from(charter_signatures).where(and(eq(charter_signatures.charter_id, charterId), eq(charter_signatures.user_id, userId)));
  return row;
}

export async function signersOf(db: Db, charterId: string): Promise<Set<string>> {
  const rows = await db.select({ user_id: charter_signatures.user_id }).from(charter_signatures).where(eq(charter_signatures.charter_id, charterId));
  return new Set(rows.map((r) => r.user_id));
}

export async function insertSignature(db: Db, charterId: string, userId: string) {
  const [row] = await db.insert(charter_signatures).values({ charter_id: charterId, user_id: userId }).onConflictDoNothing().returning();
  return row ?? (await signatureOf(db, charterId, userId))!;
}

// ── Sessions ──

/** Counts the situations placed on (or decided at) each session. */
function situationsCount() {
  return sql<number>`(select count(*)::int from committee_submissions cs where cs.session_id = "committee_sessions"."id" and cs.status in ('placed', 'decided'))`.mapWith(Number);
}

export async function listSessions(db: Db, committeeId: string, from: Date | null, to: Date | null) {
  return db
    .select({ s: committee_sessions, situations_count: situationsCount() })
    .from(committee_sessions)
    .where(and(eq(committee_sessions.committee_id, committeeId), from ? gte(committee_sessions.starts_at, from) : undefined, to ? lte(committee_sessions.starts_at, to) : undefined))
    .orderBy(asc(committee_sessions.starts_at))
    .limit(1000);
}

export async function findSession(db: Db, id: string) {
  const [row] = await db.select({ s: committee_sessions, situations_count: situationsCount() }).from(committee_sessions).where(eq(committee_sessions.id, id));
  return row;
}

export async function sessionsByNominal(db: Db, committeeId: string): Promise<Map<string, SessionRow>> {
  const rows = await db.select().from(committee_sessions).where(eq(committee_sessions.committee_id, committeeId));
  return new Map(rows.filter((r) => r.nominal_date).map((r) => [r.nominal_date!, r]));
}

export async function insertSession(db: Db, values: typeof committee_sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(committee_sessions).values(values).returning();
  return row!;
}

export async function updateSession(db: Db, id: string, values: Partial<typeof committee_sessions.$inferInsert>): Promise<void> {
  await db.update(committee_sessions).set({ ...values, updated_at: new Date() }).where(eq(committee_sessions.id, id));
}

export async function deleteSessions(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(committee_sessions).where(inArray(committee_sessions.id, ids));
}

export async function sessionsWithSubmissions(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectDistinct({ id: committee_submissions.session_id }).from(committee_submissions).where(inArray(committee_submissions.session_id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Sessions whose freeze or dispatch instant has come. */
export async function dueSessions(db: Db, now: Date, sessionId?: string) {
  return db
    .select()
    .from(committee_sessions)
    .where(
      and(
        sessionId ? eq(committee_sessions.id, sessionId) : undefined,
        or(
          and(eq(committee_sessions.status, "planned"), lte(committee_sessions.agenda_frozen_at, now)),
          and(eq(committee_sessions.status, "agenda_frozen"), lte(committee_sessions.dispatched_at, now)),
        ),
      ),
    )
    .orderBy(asc(committee_sessions.agenda_frozen_at))
    .limit(500);
}

// ── Submissions ──

export async function insertSubmission(db: Db, values: typeof committee_submissions.$inferInsert): Promise<SubmissionRow> {
  const [row] = await db.insert(committee_submissions).values(values).returning();
  return row!;
}

export async function findSubmission(db: Db, id: string) {
  const [row] = await db.select().from(committee_submissions).where(eq(committee_submissions.id, id));
  return row;
}

export async function updateSubmission(db: Db, id: string, values: Partial<typeof committee_submissions.$inferInsert>): Promise<void> {
  await db.update(committee_submissions).set({ ...values, updated_at: new Date() }).where(eq(committee_submissions.id, id));
}

/** The situations of a session, in submission order, with the person's name, the submitter and the decision taken at this session. */
export async function agendaOf(db: Db, sessionId: string) {
  return db
    .select({
      sub: committee_submissions,
      first_names: people.first_names,
      last_name: people.last_name,
      submitter_name: users.name,
      structure_name: structures.name,
      decision: committee_decisions,
    })
    .from(committee_submissions)
    .innerJoin(people, eq(people.id, committee_submissions.person_id))
    .innerJoin(users, eq(users.id, committee_submissions.submitted_by_user_id))
    .innerJoin(memberships, eq(memberships.id, committee_submissions.submitted_by_membership_id))
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .leftJoin(committee_decisions, and(eq(committee_decisions.submission_id, committee_submissions.id), eq(committee_decisions.session_id, sessionId)))
    .where(or(eq(committee_submissions.session_id, sessionId), sql`${committee_decisions.id} is not null`))
    .orderBy(asc(committee_submissions.created_at), asc(committee_submissions.id));
}

/** Moves the situations still placed on a session to another one. */
export async function moveSubmissions(db: Db, fromSessionId: string, toSessionId: string): Promise<number> {
  const rows = await db
    .update(committee_submissions)
    .set({ session_id: toSessionId, first_session_id: sql`coalesce(${committee_submissions.first_session_id}, ${fromSessionId}::uuid)`, updated_at: new Date() })
    .where(and(eq(committee_submissions.session_id, fromSessionId), eq(committee_submissions.status, "placed")))
    .returning({ id: committee_submissions.id });
  return rows.length;
}

// ── Attendance and decisions ──

export async function upsertAttendance(db: Db, sessionId: string, items: { member_id: string; status: string; substitute_user_id: string | null }[], userId: string): Promise<void> {
  for (const item of items) {
    await db
      .insert(committee_attendance)
      .values({ session_id: sessionId, member_id: item.member_id, status: item.status, substitute_user_id: item.substitute_user_id, recorded_by_user_id: userId })
      .onConflictDoUpdate({
        target: [committee_attendance.session_id, committee_attendance.member_id],
        set: { status: item.status, substitute_user_id: item.substitute_user_id, recorded_by_user_id: userId, updated_at: new Date() },
      });
  }
}

export async function attendanceOf(db: Db, sessionId: string) {
  return db.select().from(committee_attendance).where(eq(committee_attendance.session_id, sessionId));
}

export async function insertDecision(db: Db, values: typeof committee_decisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await db.insert(committee_decisions).values(values).returning();
  return row!;
}

export async function decisionFor(db: Db, sessionId: string, submissionId: string) {
  const [row] = await db
    .select({ id: committee_decisions.id })
    .from(committee_decisions)
    .where(and(eq(committee_decisions.session_id, sessionId), eq(committee_decisions.submission_id, submissionId)));
  return row;
}

/** Decisions whose follow-up date has come and whose alert is not raised yet. */
export async function dueFollowUps(db: Db, today: string) {
  return db
    .select({ d: committee_decisions, referent_user_id: committee_submissions.submitted_by_user_id, committee_name: committees.name, territory_id: committees.territory_id })
    .from(committee_decisions)
    .innerJoin(committee_submissions, eq(committee_submissions.id, committee_decisions.submission_id))
    .innerJoin(committees, eq(committees.id, committee_submissions.committee_id))
    .where(and(isNull(committee_decisions.follow_up_alerted_at), lte(committee_decisions.follow_up_on, today)))
    .limit(500);
}

export async function markFollowUpAlerted(db: Db, id: string): Promise<void> {
  await db.update(committee_decisions).set({ follow_up_alerted_at: new Date() }).where(eq(committee_decisions.id, id));
}

export async function countSubmissions(db: Db, sessionId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(committee_submissions).where(and(eq(committee_submissions.session_id, sessionId), inArray(committee_submissions.status, ["placed", "decided"])));
  return row?.n ?? 0;
}

export async function userEmail(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, id));
  return row?.email;
}

// ── Documents of submissions ──

const documentColumns = {
  id: committee_submission_documents.id,
  submission_id: committee_submission_documents.submission_id,
  file_name: committee_submission_documents.file_name,
  media_type: committee_submission_documents.media_type,
  size_bytes: committee_submission_documents.size_bytes,
  created_at: committee_submission_documents.created_at,
  uploaded_by_name: users.name,
};
export type DocumentRow = { id: string; submission_id: string; file_name: string; media_type: string; size_bytes: number; created_at: Date; uploaded_by_name: string };

/** The documents of these submissions (without their content), oldest first. */
export async function documentsOf(db: Db, submissionIds: string[]): Promise<DocumentRow[]> {
  if (submissionIds.length === 0) return [];
  return db
    .select(documentColumns)
    .from(committee_submission_documents)
    .innerJoin(users, eq(users.id, committee_submission_documents.uploaded_by_user_id))
    .where(inArray(committee_submission_documents.submission_id, submissionIds))
    .orderBy(asc(committee_submission_documents.created_at), asc(committee_submission_documents.id));
}

export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select(documentColumns)
    .from(committee_submission_documents)
    .innerJoin(users, eq(users.id, committee_submission_documents.uploaded_by_user_id))
    .where(eq(committee_submission_documents.id, id));
  return row;
}

export async function documentContent(db: Db, id: string): Promise<Uint8Array | undefined> {
  const [row] = await db.select({ content: committee_submission_documents.content }).from(committee_submission_documents).where(eq(committee_submission_documents.id, id));
  return row?.content;
}

/** Locks the submission's row for the transaction (documents are counted then added under it). */
export async function lockSubmission(db: Db, id: string): Promise<void> {
  await db.select({ id: committee_submissions.id }).from(committee_submissions).where(eq(committee_submissions.id, id)).for("update");
}

export async function countDocuments(db: Db, submissionId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(committee_submission_documents).where(eq(committee_submission_documents.submission_id, submissionId));
  return row?.n ?? 0;
}

export async function insertDocument(db: Db, values: typeof committee_submission_documents.$inferInsert): Promise<{ id: string; created_at: Date }> {
  const [row] = await db.insert(committee_submission_documents).values(values).returning({ id: committee_submission_documents.id, created_at: committee_submission_documents.created_at });
  return row!;
}

export async function deleteDocument(db: Db, id: string): Promise<void> {
  await db.delete(committee_submission_documents).where(eq(committee_submission_documents.id, id));
}

// ── Private calendar subscriptions ──

export async function liveSubscription(db: Db, committeeId: string, userId: string) {
  const [row] = await db
    .select()
    .from(committee_calendar_subscriptions)
    .where(and(eq(committee_calendar_subscriptions.committee_id, committeeId), eq(committee_calendar_subscriptions.user_id, userId), isNull(committee_calendar_subscriptions.revoked_at)));
  return row;
}

export async function revokeSubscriptions(db: Db, committeeId: string, userId: string): Promise<number> {
  const rows = await db
    .update(committee_calendar_subscriptions)
    .set({ revoked_at: new Date() })
    .where(and(eq(committee_calendar_subscriptions.committee_id, committeeId), eq(committee_calendar_subscriptions.user_id, userId), isNull(committee_calendar_subscriptions.revoked_at)))
    .returning({ id: committee_calendar_subscriptions.id });
  return rows.length;
}

export async function insertSubscription(db: Db, values: typeof committee_calendar_subscriptions.$inferInsert) {
  const [row] = await db.insert(committee_calendar_subscriptions).values(values).returning();
  return row!;
}

export async function findLiveSubscriptionByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select()
    .from(committee_calendar_subscriptions)
    .where(and(eq(committee_calendar_subscriptions.token_hash, tokenHash), isNull(committee_calendar_subscriptions.revoked_at)));
  return row;
}

export async function markSubscriptionUsed(db: Db, id: string): Promise<void> {
  await db.update(committee_calendar_subscriptions).set({ last_used_at: new Date() }).where(eq(committee_calendar_subscriptions.id, id));
}
