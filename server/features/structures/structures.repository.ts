import { and, asc, count, eq, ilike, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { territories } from "../territories/territories.tables.ts";
import { memberships, structures } from "./structures.tables.ts";

export type StructureRow = typeof structures.$inferSelect;
export type StructureInsert = typeof structures.$inferInsert;

const withTerritory = { structure: structures, territory_name: territories.name };

export async function findStructure(db: Db, id: string) {
  const [row] = await db.select(withTerritory).from(structures).leftJoin(territories, eq(territories.id, structures.territory_id)).where(eq(structures.id, id));
  return row;
}

/** `visible`: the policy's condition on the structures the caller may see (sensitive ones). */
export async function listStructures(db: Db, options: { q?: string | undefined; origin?: "platform" | "directory" | undefined; page: number; pageSize: number; visible: SQL | undefined }) {
  const origin = options.origin === "platform" ? eq(structures.source, "spie") : options.origin === "directory" ? ne(structures.source, "spie") : undefined;
  // A claimed directory record is one with its platform structure: listed once, as the latter.
  const where = and(options.visible, origin, isNull(structures.claimed_by_id), options.q ? ilike(structures.name, `%${options.q.replace(/[%_\\]/g, "\\$&")}%`) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select(withTerritory)
      .from(structures)
      .leftJoin(territories, eq(territories.id, structures.territory_id))
      .where(where)
      .orderBy(asc(structures.name), asc(structures.id))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ n: count() }).from(structures).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insertStructure(db: Db, values: StructureInsert): Promise<StructureRow> {
  const [row] = await db.insert(structures).values(values).returning();
  return row!;
}

export async function updateStructure(db: Db, id: string, values: Partial<StructureInsert>): Promise<void> {
  await db.update(structures).set({ ...values, updated_at: new Date() }).where(eq(structures.id, id));
}

export async function findStructureBySiret(db: Db, siret: string) {
  // Only the platform's own structures must have distinct SIRETs (imported ones may share a siège's).
  const [row] = await db.select({ id: structures.id }).from(structures).where(and(eq(structures.siret, siret), eq(structures.source, "spie")));
  return row;
}

export async function findStructureByName(db: Db, name: string) {
  const [row] = await db.select().from(structures).where(eq(structures.name, name));
  return row;
}

const memberColumns = { membership_id: memberships.id, user_id: users.id, name: users.name, email: users.email, is_admin: users.is_admin, last_login_at: users.last_login_at, disabled_at: users.disabled_at, role: memberships.role, created_at: memberships.created_at };

export async function activeMembers(db: Db, structureId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(and(eq(memberships.structure_id, structureId), isNull(memberships.ended_at)))
    .orderBy(asc(users.name), asc(memberships.role));
}

/** One active member of the structure, with their account (role changes, removals). */
export async function findActiveMember(db: Db, structureId: string, membershipId: string) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.user_id))
    .where(and(eq(memberships.id, membershipId), eq(memberships.structure_id, structureId), isNull(memberships.ended_at)));
  return row;
}

export async function findActiveMembershipOf(db: Db, structureId: string, userId: string, role: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.structure_id, structureId), eq(memberships.user_id, userId), eq(memberships.role, role), isNull(memberships.ended_at)));
  return row;
}

export async function insertMembership(db: Db, values: typeof memberships.$inferInsert) {
  const [row] = await db.insert(memberships).values(values).returning();
  return row!;
}

export async function endMembership(db: Db, id: string): Promise<void> {
  await db.update(memberships).set({ ended_at: sql`now()` }).where(eq(memberships.id, id));
}

export async function countAdmins(db: Db, structureId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.structure_id, structureId), eq(memberships.role, "structure_admin"), isNull(memberships.ended_at)));
  return row?.n ?? 0;
}

/**
 * Makes a directory record and a platform structure one: the record's services move to the platform
 * structure, the blanks of the platform structure are filled from the record, and the record points
 * to its platform structure (imports follow the pointer).
 */
export async function claimDirectoryStructure(db: Db, platformId: string, directoryId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`update services set structure_id = ${platformId}::uuid where structure_id = ${directoryId}::uuid`);
    await tx.execute(sql`update structures p set
        street = coalesce(p.street, d.street), postal_code = coalesce(p.postal_code, d.postal_code), commune_code = coalesce(p.commune_code, d.commune_code),
        commune = coalesce(p.commune, d.commune), email = coalesce(p.email, d.email), phone = coalesce(p.phone, d.phone), website = coalesce(p.website, d.website),
        description = coalesce(p.description, d.description), horaires_accueil = coalesce(p.horaires_accueil, d.horaires_accueil),
        accessibilite_lieu = coalesce(p.accessibilite_lieu, d.accessibilite_lieu), lien_source = coalesce(p.lien_source, d.lien_source),
        latitude = coalesce(p.latitude, d.latitude), longitude = coalesce(p.longitude, d.longitude), updated_at = now()
      from structures d where p.id = ${platformId}::uuid and d.id = ${directoryId}::uuid`);
    await tx.update(structures).set({ claimed_by_id: platformId, updated_at: new Date() }).where(eq(structures.id, directoryId));
  });
}

/** Directory records a platform structure claimed. */
export async function claimedRecords(db: Db, platformId: string) {
  return db.select({ id: structures.id, name: structures.name, source: structures.source }).from(structures).where(eq(structures.claimed_by_id, platformId)).orderBy(asc(structures.name));
}
