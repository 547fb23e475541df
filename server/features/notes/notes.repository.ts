// Data access for notes. Plain queries; who reads which note is decided by server/policy.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { person_events } from "../people/people.tables.ts";
import { note_versions, notes } from "./notes.tables.ts";

function notesWithNames(db: Db) {
  return db
    .select({ note: notes, author_name: users.name, structure_name: structures.name })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.author_user_id))
    .leftJoin(memberships, eq(memberships.id, notes.author_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .$dynamic();
}

/** The notes of a person that are not deleted, newest first. */
export async function listNotes(db: Db, personId: string) {
  return notesWithNames(db)
    .where(and(eq(notes.person_id, personId), isNull(notes.deleted_at)))
    .orderBy(desc(notes.occurred_on), desc(notes.created_at));
}

export async function findNote(db: Db, id: string) {
  const [row] = await notesWithNames(db).where(eq(notes.id, id));
  return row;
}

export type NoteRow = typeof notes.$inferSelect;

/** Keeps the note's current state, then changes it (only if still at that version): the row after, or undefined on a race. */
export async function replaceNote(db: Db, current: NoteRow, replacedBy: "corrected" | "deleted", userId: string, values: Partial<typeof notes.$inferInsert>): Promise<NoteRow | undefined> {
  await db.insert(note_versions).values({
    note_id: current.id,
    version: current.version,
    body: current.body,
    visibility: current.visibility,
    contact_kind: current.contact_kind,
    occurred_on: current.occurred_on,
    replaced_by: replacedBy,
    replaced_by_user_id: userId,
  });
  const [row] = await db
    .update(notes)
    .set({ ...values, version: current.version + 1 })
    .where(and(eq(notes.id, current.id), eq(notes.version, current.version), isNull(notes.deleted_at)))
    .returning();
  return row;
}

/** Rewrites what the timeline's "note added" event shows of the note (its excerpt, its visibility). */
export async function updateNoteAddedEvent(db: Db, personId: string, noteId: string, patch: Record<string, unknown>): Promise<void> {
  await db
    .update(person_events)
    .set({ data: sql`${person_events.data} || ${JSON.stringify(patch)}::jsonb` })
    .where(and(eq(person_events.person_id, personId), eq(person_events.type, "note_added"), sql`${person_events.data}->>'note_id' = ${noteId}`));
}
export type NoteWithNames = Awaited<ReturnType<typeof listNotes>>[number];

export async function insertNote(db: Db, values: typeof notes.$inferInsert) {
  const [row] = await db.insert(notes).values(values).returning();
  return row!;
}
