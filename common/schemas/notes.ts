// Notes of the pathway.
import { z } from "../zod.ts";
import { CONTACT_KINDS, NOTE_VISIBILITIES } from "../domain/notes.ts";
import { id, pastDate, shortText } from "./common.ts";

export const noteCreateBody = z.strictObject({
  body: shortText(5000),
  visibility: z.enum(NOTE_VISIBILITIES).default("team"),
  /** Set when the note records a contact with the person (resets "no contact for 3 months"). */
  contact_kind: z.enum(CONTACT_KINDS).nullish(),
  /** When it happened; defaults to today. */
  occurred_on: pastDate().optional(),
});
export type NoteCreateBody = z.infer<typeof noteCreateBody>;

export const note = z.object({
  id,
  person_id: id,
  body: z.string(),
  visibility: z.enum(NOTE_VISIBILITIES),
  contact_kind: z.enum(CONTACT_KINDS).nullable(),
  occurred_on: z.string(),
  author: z.object({ user_id: id, name: z.string(), structure_name: z.string().nullable() }),
  created_at: z.string(),
});
export type Note = z.infer<typeof note>;
export const noteList = z.object({ items: z.array(note) });
