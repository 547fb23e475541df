// Data access for contracts and their versions. Plain queries.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { planOnce } from "../../db/plan-once.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { contract_versions, contracts } from "./contracts.tables.ts";

export type ContractRow = typeof contracts.$inferSelect;
export type ContractValues = Partial<typeof contracts.$inferInsert>;

function contractsWithNames(db: Db) {
  return db
    .select({ contract: contracts, author_name: users.name, author_structure_name: structures.name })
    .from(contracts)
    .innerJoin(users, eq(users.id, contracts.created_by_user_id))
    .leftJoin(memberships, eq(memberships.id, contracts.created_by_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .$dynamic();
}
export type ContractWithNames = Awaited<ReturnType<typeof listContracts>>[number];

/** Newest first (by start date, then creation). */
export async function listContracts(db: Db, personId: string) {
  return planOnce(contractsWithNames(db).where(eq(contracts.person_id, personId)).orderBy(desc(contracts.starts_on), desc(contracts.created_at)));
}

export async function findContract(db: Db, id: string) {
  const [row] = await planOnce(contractsWithNames(db).where(eq(contracts.id, id)));
  return row;
}

export async function versionsOf(db: Db, contractIds: string[]) {
  if (contractIds.length === 0) return [];
  return db
    .select({ contract_id: contract_versions.contract_id, version: contract_versions.version, kind: contract_versions.kind, reason: contract_versions.reason, at: contract_versions.created_at, fields: contract_versions.fields, author_name: users.name, structure_name: structures.name })
    .from(contract_versions)
    .innerJoin(users, eq(users.id, contract_versions.author_user_id))
    .leftJoin(memberships, eq(memberships.id, contract_versions.author_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .where(inArray(contract_versions.contract_id, contractIds))
    .orderBy(asc(contract_versions.version));
}

/** The renewal of each of these contracts, by the renewed contract's id. */
export async function renewalsOf(db: Db, contractIds: string[]): Promise<Map<string, string>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db.select({ id: contracts.id, from: contracts.renewed_from_id }).from(contracts).where(inArray(contracts.renewed_from_id, contractIds));
  return new Map(rows.map((r) => [r.from!, r.id]));
}

/** The names of these structures, by id (one query). */
export async function structureNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: structures.id, name: structures.name }).from(structures).where(inArray(structures.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertContract(db: Db, values: typeof contracts.$inferInsert): Promise<ContractRow> {
  const [row] = await db.insert(contracts).values(values).returning();
  return row!;
}

/** Updates the contract if it is still at `baseVersion`; false otherwise (someone saved in between). */
export async function updateContract(db: Db, id: string, baseVersion: number, values: Partial<typeof contracts.$inferInsert>): Promise<ContractRow | undefined> {
  const [row] = await db
    .update(contracts)
    .set({ ...values, version: baseVersion + 1, updated_at: new Date() })
    .where(and(eq(contracts.id, id), eq(contracts.version, baseVersion)))
    .returning();
  return row;
}

export async function insertVersion(db: Db, values: typeof contract_versions.$inferInsert): Promise<void> {
  await db.insert(contract_versions).values(values);
}
