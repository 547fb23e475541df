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

/** A correction by the author, within 24 hours of writing the note. */
export const noteUpdateBody = z.strictObject({
  body: shortText(5000),
  visibility: z.enum(NOTE_VISIBILITIES).optional(),
});
export type NoteUpdateBody = z.infer<typeof noteUpdateBody>;

export const note = z.object({
  id,
  person_id: id,
  body: z.string(),
  visibility: z.enum(NOTE_VISIBILITIES),
  contact_kind: z.enum(CONTACT_KINDS).nullable(),
  occurred_on: z.string(),
  author: z.object({ user_id: id, name: z.string(), structure_name: z.string().nullable() }),
  created_at: z.string(),
  /** 1 when written, then +1 at each correction. */
  version: z.number().int(),
  corrected_at: z.string().nullable(),
  /** Until when the author may still correct or delete it (null for the others). */
  editable_until: z.string().nullable(),
  /** What the caller may do with it now (its author, within 24 hours). */
  permissions: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Note = z.infer<typeof note>;
export const noteList = z.object({ items: z.array(note) });
