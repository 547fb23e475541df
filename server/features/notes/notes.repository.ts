// Data access for notes. Plain queries; who reads which note is decided by server/policy.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { notes } from "./notes.tables.ts";

export async function listNotes(db: Db, personId: string) {
  return db
    .select({ note: notes, author_name: users.name, structure_name: structures.name })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.author_user_id))
    .leftJoin(memberships, eq(memberships.id, notes.author_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .where(eq(notes.person_id, personId))
    .orderBy(desc(notes.occurred_on), desc(notes.created_at));
}
export type NoteWithNames = Awaited<ReturnType<typeof listNotes>>[number];

export async function insertNote(db: Db, values: typeof notes.$inferInsert) {
  const [row] = await db.insert(notes).values(values).returning();
  return row!;
}
