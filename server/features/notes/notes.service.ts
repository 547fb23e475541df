// Notes of the pathway: written by the team (and coordinators), read according to their
// visibility (server/policy/people.ts canReadNote). A note may record a contact with the person.
// Its author corrects or deletes it within 24 hours (policy mayEditNote); each replaced state is
// kept in note_versions, and the timeline's events follow the note's visibility.
import type { ContactKind, NoteVisibility } from "../../../common/domain/notes.ts";
import { todayIso } from "../../../common/domain/dates.ts";
import type { Note, NoteCreateBody, NoteUpdateBody } from "../../../common/schemas/notes.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { canReadNote, mayEditNote, NOTE_EDIT_WINDOW_MS, type PersonAccess } from "../../policy/people.ts";
import { addEvent } from "../people/events.ts";
import * as repo from "./notes.repository.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";

function noteView(access: PersonAccess, userId: string, r: repo.NoteWithNames, now = new Date()): Note {
  const n = r.note;
  const editable = mayEditNote(access, userId, n, now).ok;
  return {
    id: n.id,
    person_id: n.person_id,
    body: n.body,
    visibility: n.visibility as NoteVisibility,
    contact_kind: (n.contact_kind as ContactKind | null) ?? null,
    occurred_on: n.occurred_on,
    author: { user_id: n.author_user_id, name: r.author_name, structure_name: r.structure_name },
    created_at: n.created_at.toISOString(),
    version: n.version,
    corrected_at: n.corrected_at?.toISOString() ?? null,
    editable_until: editable ? new Date(n.created_at.getTime() + NOTE_EDIT_WINDOW_MS).toISOString() : null,
    permissions: { edit: editable, delete: editable },
  };
}

/** The first words of a note, for the timeline. */
export function excerpt(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export async function listNotes(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const rows = (await repo.listNotes(ctx.db, personId)).filter((r) => canReadNote(access, ctx.actor.user_id, r.note));
  return { items: rows.map((r) => noteView(access, ctx.actor.user_id, r)) };
}

export async function createNote(ctx: Ctx, access: PersonAccess, body: NoteCreateBody): Promise<Note> {
  const personId = access.person_id;
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertNote(tx, {
      person_id: personId,
      body: body.body,
      visibility: body.visibility,
      contact_kind: body.contact_kind ?? null,
      occurred_on: body.occurred_on ?? todayIso(),
      author_user_id: ctx.actor.user_id,
      author_membership_id: access.membership_id,
    });
    if (inserted.contact_kind) await refreshDeadlines(tx, [personId]);
    await addEvent(ctx, tx, personId, "note_added", access.membership_id, {
      note_id: inserted.id,
      visibility: inserted.visibility,
      author_user_id: ctx.actor.user_id,
      contact_kind: inserted.contact_kind,
      excerpt: excerpt(inserted.body),
    });
    return inserted;
  });
  return noteView(access, ctx.actor.user_id, { note: row, author_name: ctx.actor.name, structure_name: membership?.structure_name ?? null });
}

/** The note, if the caller may correct or delete it now (404 / 403 / 409 otherwise, from the policy). */
async function editableNote(ctx: Ctx, access: PersonAccess, id: string): Promise<repo.NoteWithNames> {
  const row = await repo.findNote(ctx.db, id);
  if (!row || row.note.person_id !== access.person_id) throw new DomainError("not_found", "Note introuvable.");
  const decision = mayEditNote(access, ctx.actor.user_id, row.note, new Date());
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
  return row;
}

const raced = () => new DomainError("conflict", "La note a été modifiée en même temps. Rechargez la page avant de recommencer.");

export async function correctNote(ctx: Ctx, access: PersonAccess, id: string, body: NoteUpdateBody): Promise<Note> {
  const row = await editableNote(ctx, access, id);
  const current = row.note;
  const visibility = body.visibility ?? (current.visibility as NoteVisibility);
  if (body.body === current.body && visibility === current.visibility) return noteView(access, ctx.actor.user_id, row);
  const updated = await ctx.db.transaction(async (tx) => {
    const next = await repo.replaceNote(tx, current, "corrected", ctx.actor.user_id, { body: body.body, visibility, corrected_at: new Date() });
    if (!next) throw raced();
    await repo.updateNoteAddedEvent(tx, current.person_id, id, { excerpt: excerpt(next.body), visibility });
    await addEvent(ctx, tx, current.person_id, "note_corrected", access.membership_id, { note_id: id, visibility, author_user_id: current.author_user_id, version: next.version });
    if (current.contact_kind) await refreshDeadlines(tx, [current.person_id]);
    return next;
  });
  return noteView(access, ctx.actor.user_id, { ...row, note: updated });
}

export async function deleteNote(ctx: Ctx, access: PersonAccess, id: string): Promise<void> {
  const row = await editableNote(ctx, access, id);
  const current = row.note;
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.replaceNote(tx, current, "deleted", ctx.actor.user_id, { deleted_at: new Date() }))) throw raced();
    await repo.updateNoteAddedEvent(tx, current.person_id, id, { excerpt: null, deleted: true });
    await addEvent(ctx, tx, current.person_id, "note_deleted", access.membership_id, { note_id: id, visibility: current.visibility, author_user_id: current.author_user_id });
    if (current.contact_kind) await refreshDeadlines(tx, [current.person_id]);
  });
}
