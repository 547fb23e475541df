// Notes of the pathway: written by the team (and coordinators), read according to their
// visibility (server/policy/people.ts canReadNote). A note may record a contact with the person.
import type { ContactKind, NoteVisibility } from "../../../common/domain/notes.ts";
import { todayIso } from "../../../common/domain/dates.ts";
import type { Note, NoteCreateBody } from "../../../common/schemas/notes.ts";
import type { Ctx } from "../../http/context.ts";
import { canReadNote, type PersonAccess } from "../../policy/people.ts";
import { addEvent } from "../people/events.ts";
import * as repo from "./notes.repository.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";

function noteView(r: repo.NoteWithNames): Note {
  const n = r.note;
  return {
    id: n.id,
    person_id: n.person_id,
    body: n.body,
    visibility: n.visibility as NoteVisibility,
    contact_kind: (n.contact_kind as ContactKind | null) ?? null,
    occurred_on: n.occurred_on,
    author: { user_id: n.author_user_id, name: r.author_name, structure_name: r.structure_name },
    created_at: n.created_at.toISOString(),
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
  return { items: rows.map(noteView) };
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
  return noteView({ note: row, author_name: ctx.actor.name, structure_name: membership?.structure_name ?? null });
}
