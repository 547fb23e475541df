// Data access for orientations, réorientation requests and territory settings. Plain queries.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { formatDateFr } from "../../../common/domain/dates.ts";
import { TRACK_LABELS, type Track } from "../../../common/domain/orientation.ts";
import type { TerritorySettingsBody } from "../../../common/schemas/orientation.ts";
import type { Db } from "../../db/client.ts";
import { planOnce } from "../../db/plan-once.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { orientations, reorientation_requests, territory_settings } from "./orientation.tables.ts";
import { people } from "../people/people.tables.ts";

const referentUser = alias(users, "referent_user");
const referentMembership = alias(memberships, "referent_membership");
const referentStructure = alias(structures, "referent_structure");
const deciderUser = alias(users, "decider_user");
const deciderMembership = alias(memberships, "decider_membership");
const deciderStructure = alias(structures, "decider_structure");

function orientationsWithNames(db: Db) {
  return db
    .select({
      orientation: orientations,
      structure_name: structures.name,
      referent_name: referentUser.name,
      referent_structure_name: referentStructure.name,
      decider_name: deciderUser.name,
      decider_structure_name: deciderStructure.name,
    })
    .from(orientations)
    .innerJoin(structures, eq(structures.id, orientations.structure_id))
    .leftJoin(referentMembership, eq(referentMembership.id, orientations.referent_membership_id))
    .leftJoin(referentUser, eq(referentUser.id, referentMembership.user_id))
    .leftJoin(referentStructure, eq(referentStructure.id, referentMembership.structure_id))
    .innerJoin(deciderUser, eq(deciderUser.id, orientations.decided_by_user_id))
    .leftJoin(deciderMembership, eq(deciderMembership.id, orientations.decided_by_membership_id))
    .leftJoin(deciderStructure, eq(deciderStructure.id, deciderMembership.structure_id))
    .$dynamic();
}
export type OrientationRow = Awaited<ReturnType<typeof listOrientations>>[number];

/** Newest first: the first one is the current orientation. */
export async function listOrientations(db: Db, personId: string) {
  return orientationsWithNames(db).where(eq(orientations.person_id, personId)).orderBy(desc(orientations.decided_on), desc(orientations.created_at));
}

export async function findOrientation(db: Db, id: string) {
  const [row] = await orientationsWithNames(db).where(eq(orientations.id, id));
  return row;
}

export async function currentOrientation(db: Db, personId: string) {
  const [row] = await planOnce(orientationsWithNames(db).where(eq(orientations.person_id, personId)).orderBy(desc(orientations.decided_on), desc(orientations.created_at)).limit(1));
  return row;
}

/** "Socio-professionnelle (…) — organisme référent : X, décidée le 01/02/2026", or null. */
export async function currentOrientationLabel(db: Db, personId: string): Promise<string | null> {
  const row = await currentOrientation(db, personId);
  if (!row) return null;
  return `${TRACK_LABELS[row.orientation.track as Track]} — organisme référent : ${row.structure_name}, décidée le ${formatDateFr(row.orientation.decided_on)}`;
}

export async function insertOrientation(db: Db, values: typeof orientations.$inferInsert) {
  const [row] = await db.insert(orientations).values(values).returning();
  return row!;
}

// ——— Réorientation requests ———

const requesterUser = alias(users, "requester_user");
const requesterMembership = alias(memberships, "requester_membership");
const requesterStructure = alias(structures, "requester_structure");
const proposedStructure = alias(structures, "proposed_structure");

function requestsWithNames(db: Db) {
  return db
    .select({
      request: reorientation_requests,
      requester_name: requesterUser.name,
      requester_structure_name: requesterStructure.name,
      proposed_structure_name: proposedStructure.name,
      decider_name: deciderUser.name,
      decider_structure_name: deciderStructure.name,
    })
    .from(reorientation_requests)
    .innerJoin(requesterUser, eq(requesterUser.id, reorientation_requests.requested_by_user_id))
    .leftJoin(requesterMembership, eq(requesterMembership.id, reorientation_requests.requested_by_membership_id))
    .leftJoin(requesterStructure, eq(requesterStructure.id, requesterMembership.structure_id))
    .leftJoin(proposedStructure, eq(proposedStructure.id, reorientation_requests.proposed_structure_id))
    .leftJoin(deciderUser, eq(deciderUser.id, reorientation_requests.decided_by_user_id))
    .leftJoin(deciderMembership, eq(deciderMembership.id, reorientation_requests.decided_by_membership_id))
    .leftJoin(deciderStructure, eq(deciderStructure.id, deciderMembership.structure_id))
    .$dynamic();
}
export type ReorientationRow = Awaited<ReturnType<typeof listReorientationRequests>>[number];

export async function listReorientationRequests(db: Db, personId: string) {
  return requestsWithNames(db).where(eq(reorientation_requests.person_id, personId)).orderBy(desc(reorientation_requests.created_at));
}

export async function findReorientationRequest(db: Db, id: string) {
  const [row] = await requestsWithNames(db).where(eq(reorientation_requests.id, id));
  return row;
}

export async function pendingReorientationRequest(db: Db, personId: string) {
  const [row] = await planOnce(requestsWithNames(db).where(and(eq(reorientation_requests.person_id, personId), eq(reorientation_requests.status, "pending"))));
  return row;
}

export async function insertReorientationRequest(db: Db, values: typeof reorientation_requests.$inferInsert) {
  const [row] = await db.insert(reorientation_requests).values(values).returning();
  return row!;
}

/** Decides a pending request; false when it was not pending any more. */
export async function decideReorientationRequest(
  db: Db,
  id: string,
  values: { status: "accepted" | "refused"; decided_by_user_id: string; decided_by_membership_id: string; decision_reason: string | null; resulting_orientation_id: string | null },
): Promise<boolean> {
  const rows = await db
    .update(reorientation_requests)
    .set({ ...values, decided_at: new Date() })
    .where(and(eq(reorientation_requests.id, id), eq(reorientation_requests.status, "pending")))
    .returning({ id: reorientation_requests.id });
  return rows.length > 0;
}

// ——— Structures and référents to choose from ———

export async function accompanyingMembership(db: Db, membershipId: string) {
  const [row] = await db
    .select({ id: memberships.id, user_id: memberships.user_id, user_name: users.name, structure_id: memberships.structure_id, structure_name: structures.name, role: memberships.role, ended_at: memberships.ended_at })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .where(eq(memberships.id, membershipId));
  return row;
}

export async function findStructureBrief(db: Db, id: string) {
  const [row] = await db.select({ id: structures.id, name: structures.name, territory_id: structures.territory_id, sensitive: structures.sensitive }).from(structures).where(eq(structures.id, id));
  return row;
}

/** Structures of a territory and their members who accompany people (professionals, coordinators). */
export async function structuresWithReferents(db: Db, territoryId: string | null) {
  const rows = await db
    .select({ id: structures.id, name: structures.name, sensitive: structures.sensitive, territory_id: structures.territory_id })
    .from(structures)
    // Deactivated structures and claimed directory records are no organisme référent.
    .where(territoryId ? and(eq(structures.territory_id, territoryId), isNull(structures.deactivated_at), isNull(structures.claimed_by_id)) : sql`false`)
    .orderBy(asc(structures.name));
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .select({ membership_id: memberships.id, structure_id: memberships.structure_id, name: users.name, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.user_id))
        .where(and(inArray(memberships.structure_id, ids), isNull(memberships.ended_at), inArray(memberships.role, ["professional", "coordinator"])))
        .orderBy(asc(users.name))
    : [];
  return rows.map((s) => ({ ...s, referents: members.filter((m) => m.structure_id === s.id).map(({ structure_id: _s, ...m }) => m) }));
}

/** Users coordinating a territory (to tell them about a réorientation request). */
export async function territoryCoordinators(db: Db, territoryId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ user_id: memberships.user_id })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .where(and(eq(structures.territory_id, territoryId), eq(memberships.role, "coordinator"), isNull(memberships.ended_at)));
  return rows.map((r) => r.user_id);
}

// ——— Territory settings ———

export async function territorySettings(db: Db, territoryId: string | null): Promise<TerritorySettingsBody> {
  if (!territoryId) return {};
  const [row] = await db.select({ settings: territory_settings.settings }).from(territory_settings).where(eq(territory_settings.territory_id, territoryId));
  return row?.settings ?? {};
}

/** The settings of several territories at once (absent = no row = the defaults). */
export async function territorySettingsOf(db: Db, territoryIds: string[]): Promise<Map<string, TerritorySettingsBody>> {
  const ids = [...new Set(territoryIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ territory_id: territory_settings.territory_id, settings: territory_settings.settings }).from(territory_settings).where(inArray(territory_settings.territory_id, ids));
  return new Map(rows.map((r) => [r.territory_id, r.settings]));
}

/** The territories whose settings set an access-log retention (the others keep the default). */
export async function accessLogRetentions(db: Db): Promise<{ territory_id: string; months: number }[]> {
  const months = sql<string>`(${territory_settings.settings} -> 'access_log' ->> 'retention_months')::numeric`;
  const rows = await db
    .select({ territory_id: territory_settings.territory_id, months })
    .from(territory_settings)
    .where(sql`jsonb_typeof(${territory_settings.settings} -> 'access_log' -> 'retention_months') = 'number'`);
  return rows.map((r) => ({ territory_id: r.territory_id, months: Number(r.months) }));
}

/** The stored settings of the territories of these people, by territory (one query). */
export async function territorySettingsOfPeople(db: Db, personIds: string[]): Promise<Map<string, TerritorySettingsBody>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ territory_id: territory_settings.territory_id, settings: territory_settings.settings })
    .from(territory_settings)
    .where(inArray(territory_settings.territory_id, db.selectDistinct({ id: people.territory_id }).from(people).where(inArray(people.id, personIds))));
  return new Map(rows.map((r) => [r.territory_id, r.settings]));
}

export async function saveTerritorySettings(db: Db, territoryId: string, settings: TerritorySettingsBody, userId: string): Promise<void> {
  await db
    .insert(territory_settings)
    .values({ territory_id: territoryId, settings, updated_by: userId })
    .onConflictDoUpdate({ target: territory_settings.territory_id, set: { settings, updated_by: userId, updated_at: new Date() } });
}
