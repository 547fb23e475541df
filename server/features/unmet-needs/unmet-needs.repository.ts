// Queries of unmet needs (no rules: the scope comes from policy/unmet-needs.ts).
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { services } from "../directory/directory.tables.ts";
import { structures } from "../structures/structures.tables.ts";
import { referrals } from "../referrals/referrals.tables.ts";
import { unmet_need_alerts, unmet_needs } from "./unmet-needs.tables.ts";

export type NeedRow = typeof unmet_needs.$inferSelect;
export type NeedInsert = typeof unmet_needs.$inferInsert;

export interface NeedWithNames {
  need: NeedRow;
  author_name: string | null;
  structure_name: string | null;
  service_nom: string | null;
}

/** The person a referral is about (undefined: no such referral). */
export async function referralPerson(db: Db, referralId: string): Promise<string | undefined> {
  const [row] = await db.select({ person_id: referrals.person_id }).from(referrals).where(eq(referrals.id, referralId));
  return row?.person_id;
}

export async function insertNeed(db: Db, values: NeedInsert): Promise<NeedRow> {
  const [row] = await db.insert(unmet_needs).values(values).returning();
  return row!;
}

export async function updateNeed(db: Db, id: string, values: Partial<NeedInsert>): Promise<void> {
  await db.update(unmet_needs).set(values).where(eq(unmet_needs.id, id));
}

export async function findNeed(db: Db, id: string): Promise<NeedRow | undefined> {
  const [row] = await db.select().from(unmet_needs).where(eq(unmet_needs.id, id));
  return row;
}

function withNames(db: Db) {
  return db
    .select({ need: unmet_needs, author_name: users.name, structure_name: structures.name, service_nom: services.nom })
    .from(unmet_needs)
    .innerJoin(users, eq(users.id, unmet_needs.created_by_user_id))
    .leftJoin(structures, eq(structures.id, unmet_needs.created_by_structure_id))
    .leftJoin(services, eq(services.id, unmet_needs.service_id));
}

export async function needWithNames(db: Db, id: string): Promise<NeedWithNames | undefined> {
  const [row] = await withNames(db).where(eq(unmet_needs.id, id));
  return row;
}

export async function listNeeds(db: Db, where: SQL[], limit: number, offset: number): Promise<{ rows: NeedWithNames[]; total: number }> {
  const condition = and(...where);
  const [rows, [total]] = await Promise.all([
    withNames(db).where(condition).orderBy(desc(unmet_needs.created_at), desc(unmet_needs.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(unmet_needs).where(condition),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Every need matching `where`, oldest first (the CSV export, bounded by the caller). */
export async function allNeeds(db: Db, where: SQL[], limit: number): Promise<NeedWithNames[]> {
  return withNames(db)
    .where(and(...where))
    .orderBy(unmet_needs.created_at, unmet_needs.id)
    .limit(limit);
}

/** One group of needs: the finest grain the summary adds up (one pass over the territory's needs). */
export interface GroupRow {
  thematic: string;
  commune_code: string;
  epci_code: string | null;
  month: string;
  status: string;
  urgency: string;
  count: number;
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** Counts per thematic, commune, EPCI, month (`month`: an expression), status and urgency. */
export async function groupedCounts(db: Db, month: SQL, where: SQL[]): Promise<GroupRow[]> {
  return rows<GroupRow>(
    db,
    sql`select thematic, commune_code, epci_code, ${month} as month, status, urgency, count(*)::int as count
      from ${unmet_needs} where ${and(...where)} group by 1, 2, 3, 4, 5, 6`,
  );
}

// ---- alerts -----------------------------------------------------------------------------------

export interface FittingNeed {
  need_id: string;
  author_user_id: string;
  author_email: string;
  thematic: string;
  commune_code: string;
  description: string;
  created_at: Date;
}

/**
 * Open needs of these thematics, recorded before `before`, whose commune is eligible for a service of
 * this eligibility (keys overlap), whose author is active and was not yet told about the service.
 */
export async function needsFittingService(db: Db, serviceId: string, thematics: string[], eligibility: string[], before: Date): Promise<FittingNeed[]> {
  if (thematics.length === 0) return [];
  const keys = `{${eligibility.map((k) => `"${k.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return db
    .select({
      need_id: unmet_needs.id,
      author_user_id: unmet_needs.created_by_user_id,
      author_email: users.email,
      thematic: unmet_needs.thematic,
      commune_code: unmet_needs.commune_code,
      description: unmet_needs.description,
      created_at: unmet_needs.created_at,
    })
    .from(unmet_needs)
    .innerJoin(users, eq(users.id, unmet_needs.created_by_user_id))
    .where(
      and(
        eq(unmet_needs.status, "open"),
        inArray(unmet_needs.thematic, thematics),
        sql`${unmet_needs.eligibility_keys} && ${keys}::text[]`,
        sql`${unmet_needs.created_at} <= ${before.toISOString()}::timestamptz`,
        sql`${users.disabled_at} is null`,
        sql`not exists (select 1 from ${unmet_need_alerts} a where a.need_id = ${unmet_needs.id} and a.service_id = ${serviceId}::uuid)`,
      ),
    )
    .orderBy(unmet_needs.created_at);
}

export async function anyOpenNeed(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: unmet_needs.id }).from(unmet_needs).where(eq(unmet_needs.status, "open")).limit(1);
  return row !== undefined;
}

export async function recordAlerts(db: Db, pairs: { need_id: string; service_id: string; message_id: string }[]): Promise<void> {
  if (pairs.length) await db.insert(unmet_need_alerts).values(pairs).onConflictDoNothing();
}
