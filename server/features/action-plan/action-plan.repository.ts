// Data access for objectives and actions. Plain queries.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { actions, objectives } from "./action-plan.tables.ts";

export type ObjectiveRow = typeof objectives.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;

export async function listObjectives(db: Db, personId: string): Promise<ObjectiveRow[]> {
  return db.select().from(objectives).where(eq(objectives.person_id, personId)).orderBy(asc(objectives.created_at));
}

export async function findObjective(db: Db, id: string): Promise<ObjectiveRow | undefined> {
  const [row] = await db.select().from(objectives).where(eq(objectives.id, id));
  return row;
}

export async function insertObjective(db: Db, values: typeof objectives.$inferInsert): Promise<ObjectiveRow> {
  const [row] = await db.insert(objectives).values(values).returning();
  return row!;
}

export async function updateObjective(db: Db, id: string, values: Partial<typeof objectives.$inferInsert>): Promise<void> {
  await db.update(objectives).set({ ...values, updated_at: new Date() }).where(eq(objectives.id, id));
}

function actionsWithNames(db: Db) {
  return db
    .select({ action: actions, objective_title: objectives.title, thematic: objectives.thematic, author_name: users.name, author_structure_name: structures.name })
    .from(actions)
    .innerJoin(objectives, eq(objectives.id, actions.objective_id))
    .innerJoin(users, eq(users.id, actions.created_by_user_id))
    .leftJoin(memberships, eq(memberships.id, actions.created_by_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .$dynamic();
}
export type ActionWithNames = Awaited<ReturnType<typeof listActions>>[number];

export async function listActions(db: Db, personId: string, filters: { thematic?: string | undefined; status?: string | undefined } = {}) {
  return actionsWithNames(db)
    .where(and(eq(actions.person_id, personId), filters.thematic ? eq(objectives.thematic, filters.thematic) : undefined, filters.status ? eq(actions.status, filters.status) : undefined))
    .orderBy(sql`coalesce(${actions.due_on}, ${actions.planned_on}) asc nulls last`, desc(actions.created_at));
}

export async function findAction(db: Db, id: string) {
  const [row] = await actionsWithNames(db).where(eq(actions.id, id));
  return row;
}

export async function insertAction(db: Db, values: typeof actions.$inferInsert): Promise<ActionRow> {
  const [row] = await db.insert(actions).values(values).returning();
  return row!;
}

export async function updateAction(db: Db, id: string, values: Partial<typeof actions.$inferInsert>): Promise<void> {
  await db.update(actions).set({ ...values, updated_at: new Date() }).where(eq(actions.id, id));
}
