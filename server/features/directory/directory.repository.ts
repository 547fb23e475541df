// Plain queries of the directory; no rules here (see directory.service.ts).
import { and, asc, count, desc, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { structures } from "../structures/structures.tables.ts";
import { service_suggestions, services } from "./directory.tables.ts";
import { directoryChanged, visibleSql } from "./search.ts";

/** Every column but the full-text vector (large, and only the database reads it). */
const { search_vector: _searchVector, ...serviceColumns } = getTableColumns(services);
export type ServiceRow = Omit<typeof services.$inferSelect, "search_vector">;
export type ServiceInsert = typeof services.$inferInsert;
export type StructureRow = typeof structures.$inferSelect;

export const structureRefColumns = {
  id: structures.id,
  nom: structures.name,
  commune: structures.commune,
  code_insee: structures.commune_code,
  territory_id: structures.territory_id,
  sensitive: structures.sensitive,
};

export interface ServiceWithStructure {
  service: ServiceRow;
  structure: { id: string; nom: string; commune: string | null; code_insee: string | null; territory_id: string | null; sensitive: boolean };
}

export async function findService(db: Db, id: string): Promise<ServiceWithStructure | undefined> {
  const [row] = await db.select({ service: serviceColumns, structure: structureRefColumns }).from(services).innerJoin(structures, eq(structures.id, services.structure_id)).where(eq(services.id, id));
  return row;
}

export async function servicesByIds(db: Db, ids: string[]): Promise<ServiceWithStructure[]> {
  if (ids.length === 0) return [];
  return db.select({ service: serviceColumns, structure: structureRefColumns }).from(services).innerJoin(structures, eq(structures.id, services.structure_id)).where(inArray(services.id, ids));
}

export async function servicesOfStructure(db: Db, structureId: string, options: { visibleOn?: string } = {}): Promise<ServiceWithStructure[]> {
  return db
    .select({ service: serviceColumns, structure: structureRefColumns })
    .from(services)
    .innerJoin(structures, eq(structures.id, services.structure_id))
    .where(and(eq(services.structure_id, structureId), options.visibleOn ? visibleSql(options.visibleOn, "services") : undefined))
    .orderBy(asc(services.nom), asc(services.id));
}

export interface SensitiveStructure {
  id: string;
  territory_id: string | null;
  sensitive: true;
}
let sensitiveCache: { db: Db; at: number; rows: Promise<SensitiveStructure[]> } | undefined;

/** The structures flagged sensitive (a handful), cached for a few seconds: every search needs them. */
export function sensitiveStructures(db: Db): Promise<SensitiveStructure[]> {
  const now = Date.now();
  if (!sensitiveCache || sensitiveCache.db !== db || now - sensitiveCache.at > 10_000) {
    const rows = db
      .select({ id: structures.id, territory_id: structures.territory_id })
      .from(structures)
      .where(eq(structures.sensitive, true))
      .then((found) => found.map((r) => ({ ...r, sensitive: true as const })));
    sensitiveCache = { db, at: now, rows };
  }
  return sensitiveCache.rows;
}

export async function findStructureRow(db: Db, id: string): Promise<StructureRow | undefined> {
  const [row] = await db.select().from(structures).where(eq(structures.id, id));
  return row;
}

export async function insertService(db: Db, values: ServiceInsert): Promise<ServiceRow> {
  const [row] = await db.insert(services).values(values).returning(serviceColumns);
  directoryChanged();
  return row!;
}

export async function updateService(db: Db, id: string, values: Partial<ServiceInsert>): Promise<void> {
  await db.update(services).set({ ...values, updated_at: new Date() }).where(eq(services.id, id));
  directoryChanged();
}

export async function insertSuggestion(db: Db, values: typeof service_suggestions.$inferInsert) {
  const [row] = await db.insert(service_suggestions).values(values).returning();
  return row!;
}

export async function suggestionsOfStructure(db: Db, structureId: string, status?: string) {
  return db
    .select({ suggestion: service_suggestions, service_nom: services.nom, author_name: users.name })
    .from(service_suggestions)
    .innerJoin(services, eq(services.id, service_suggestions.service_id))
    .innerJoin(users, eq(users.id, service_suggestions.author_user_id))
    .where(and(eq(services.structure_id, structureId), status ? eq(service_suggestions.status, status) : undefined))
    .orderBy(desc(service_suggestions.created_at));
}

export async function countOpenSuggestions(db: Db, structureId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(service_suggestions)
    .innerJoin(services, eq(services.id, service_suggestions.service_id))
    .where(and(eq(services.structure_id, structureId), eq(service_suggestions.status, "open")));
  return row?.n ?? 0;
}

export async function findSuggestion(db: Db, id: string) {
  const [row] = await db
    .select({ suggestion: service_suggestions, structure_id: services.structure_id })
    .from(service_suggestions)
    .innerJoin(services, eq(services.id, service_suggestions.service_id))
    .where(eq(service_suggestions.id, id));
  return row;
}

export async function updateSuggestion(db: Db, id: string, values: Partial<typeof service_suggestions.$inferInsert>): Promise<void> {
  await db.update(service_suggestions).set(values).where(eq(service_suggestions.id, id));
}

// ---- import -----------------------------------------------------------------------------------

export async function structuresBySourceIds(db: Db, source: string, sourceIds: string[]) {
  if (sourceIds.length === 0) return [];
  return db
    .select({ id: structures.id, source_id: structures.source_id, import_hash: structures.import_hash, claimed_by_id: structures.claimed_by_id })
    .from(structures)
    .where(and(eq(structures.source, source), inArray(structures.source_id, sourceIds)));
}

export async function servicesBySourceIds(db: Db, source: string, sourceIds: string[]) {
  if (sourceIds.length === 0) return [];
  return db
    .select({ id: services.id, source_id: services.source_id, import_hash: services.import_hash, structure_id: services.structure_id })
    .from(services)
    .where(and(eq(services.source, source), inArray(services.source_id, sourceIds)));
}

/** Inserts imported structures in one statement (callers keep batches under the bind-parameter limit). */
export async function insertStructures(db: Db, values: (typeof structures.$inferInsert)[]): Promise<{ id: string; source_id: string | null }[]> {
  if (values.length === 0) return [];
  return db.insert(structures).values(values).returning({ id: structures.id, source_id: structures.source_id });
}

/** Inserts imported services in one statement (callers keep batches under the bind-parameter limit). */
export async function insertServices(db: Db, values: ServiceInsert[]): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db.insert(services).values(values).returning({ id: services.id });
  directoryChanged();
  return rows.map((r) => r.id);
}

export async function updateStructureColumns(db: Db, id: string, values: Partial<typeof structures.$inferInsert>): Promise<void> {
  await db.update(structures).set({ ...values, updated_at: new Date() }).where(eq(structures.id, id));
}

// ---- export -----------------------------------------------------------------------------------

/** Visible services with their structure, in a stable order, for the exports (`visibleStructures`: the policy's condition). */
export async function visibleServicesForExport(db: Db, today: string, visibleStructures: SQL | undefined) {
  return db
    .select({ service: serviceColumns, structure: structureRefColumns, structure_source: structures.source, structure_source_id: structures.source_id })
    .from(services)
    .innerJoin(structures, eq(structures.id, services.structure_id))
    .where(and(visibleSql(today, "services"), visibleStructures))
    .orderBy(asc(services.source), asc(services.source_id));
}

/** Structures having at least one visible service (the directory's structures), for the exports. */
export async function structuresWithVisibleServices(db: Db, today: string, visibleStructures: SQL | undefined): Promise<StructureRow[]> {
  return db
    .select()
    .from(structures)
    .where(and(visibleStructures, sql`exists (select 1 from services s where s.structure_id = ${structures.id} and ${visibleSql(today)})`))
    .orderBy(asc(structures.source), asc(structures.source_id), asc(structures.id));
}
