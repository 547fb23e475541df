import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { PerimeterKind } from "../../../common/schemas/territories.ts";
import { communeInPerimeter, perimeterLabel } from "./geography.ts";
import { territories, territory_perimeters } from "./territories.tables.ts";

export interface TerritoryWithPerimeter {
  id: string;
  name: string;
  perimeter: { kind: PerimeterKind; code: string; name: string }[];
}

export async function listTerritories(db: Db): Promise<TerritoryWithPerimeter[]> {
  const [rows, perimeters] = await Promise.all([
    db.select().from(territories).orderBy(asc(territories.name)),
    db.select().from(territory_perimeters).orderBy(asc(territory_perimeters.kind), asc(territory_perimeters.code)),
  ]);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    perimeter: perimeters
      .filter((p) => p.territory_id === t.id)
      .map((p) => ({ kind: p.kind as PerimeterKind, code: p.code, name: perimeterLabel(p.kind as PerimeterKind, p.code) ?? p.code })),
  }));
}

export async function findTerritory(db: Db, id: string) {
  const [row] = await db.select().from(territories).where(eq(territories.id, id));
  return row;
}

/** The first territory (by name) whose perimeter contains the commune. */
export async function territoryForCommune(db: Db, communeCode: string): Promise<TerritoryWithPerimeter | undefined> {
  return (await listTerritories(db)).find((t) => communeInPerimeter(communeCode, t.perimeter));
}

export async function insertTerritory(db: Db, name: string, perimeter: { kind: PerimeterKind; code: string }[]): Promise<string> {
  const [row] = await db.insert(territories).values({ name }).returning({ id: territories.id });
  if (perimeter.length) await db.insert(territory_perimeters).values(perimeter.map((p) => ({ ...p, territory_id: row!.id })));
  return row!.id;
}

export async function findTerritoryWithPerimeter(db: Db, id: string): Promise<TerritoryWithPerimeter | undefined> {
  const [t, rows] = await Promise.all([
    findTerritory(db, id),
    db.select().from(territory_perimeters).where(eq(territory_perimeters.territory_id, id)).orderBy(asc(territory_perimeters.kind), asc(territory_perimeters.code)),
  ]);
  if (!t) return undefined;
  return { id: t.id, name: t.name, perimeter: rows.map((p) => ({ kind: p.kind as PerimeterKind, code: p.code, name: perimeterLabel(p.kind as PerimeterKind, p.code) ?? p.code })) };
}

/** Another territory with this name (names are unique). */
export async function findTerritoryByName(db: Db, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: territories.id })
    .from(territories)
    .where(and(eq(territories.name, name), exceptId ? ne(territories.id, exceptId) : undefined));
  return row;
}

/** Renames the territory and/or replaces its perimeter. */
export async function updateTerritory(db: Db, id: string, values: { name?: string | undefined; perimeter?: { kind: PerimeterKind; code: string }[] | undefined }): Promise<void> {
  await db.transaction(async (tx) => {
    if (values.name !== undefined) await tx.update(territories).set({ name: values.name }).where(eq(territories.id, id));
    if (values.perimeter !== undefined) {
      await tx.delete(territory_perimeters).where(eq(territory_perimeters.territory_id, id));
      if (values.perimeter.length) await tx.insert(territory_perimeters).values(values.perimeter.map((p) => ({ ...p, territory_id: id })));
    }
  });
}
