// The action plan: objectives (one thematic each) and their actions.
import { z } from "../zod.ts";
import { ACTION_STATUSES, OBJECTIVE_STATUSES } from "../domain/action-plan.ts";
import { THEMATIC_SLUGS } from "../domain/thematics.ts";
import { id, isoDate, optionalText, shortText } from "./common.ts";

export const objectiveCreateBody = z.strictObject({
  thematic: z.enum(THEMATIC_SLUGS, "Thématique inconnue"),
  title: shortText(300),
  description: optionalText(2000),
});
export type ObjectiveCreateBody = z.infer<typeof objectiveCreateBody>;

export const objectiveUpdateBody = z
  .strictObject({
    thematic: z.enum(THEMATIC_SLUGS, "Thématique inconnue"),
    title: shortText(300),
    description: optionalText(2000),
    status: z.enum(OBJECTIVE_STATUSES),
  })
  .partial();
export type ObjectiveUpdateBody = z.infer<typeof objectiveUpdateBody>;

const actionFields = {
  title: shortText(300),
  description: optionalText(2000),
  status: z.enum(ACTION_STATUSES),
  /** When it is planned to start. */
  planned_on: isoDate.nullish(),
  due_on: isoDate.nullish(),
  /** A service of the directory (nullable until the directory knows it; the label is kept). */
  service_id: id.nullish(),
  service_label: optionalText(300),
  /** Who carries the action (a partner, the person…), in a few words. */
  carried_by: optionalText(200),
};

export const actionCreateBody = z.strictObject({ ...actionFields, status: actionFields.status.default("planned") });
export type ActionCreateBody = z.infer<typeof actionCreateBody>;

export const actionUpdateBody = z
  .strictObject({
    ...actionFields,
    /** Move the action to another objective of the same person. */
    objective_id: id,
    started_on: isoDate.nullable(),
    ended_on: isoDate.nullable(),
  })
  .partial();
export type ActionUpdateBody = z.infer<typeof actionUpdateBody>;

export const action = z.object({
  id,
  person_id: id,
  objective_id: id,
  objective_title: z.string(),
  thematic: z.enum(THEMATIC_SLUGS),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  planned_on: z.string().nullable(),
  due_on: z.string().nullable(),
  started_on: z.string().nullable(),
  ended_on: z.string().nullable(),
  service: z.object({ id: id.nullable(), label: z.string(), in_directory: z.boolean() }).nullable(),
  carried_by: z.string().nullable(),
  created_by: z.object({ name: z.string(), structure_name: z.string().nullable() }),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Action = z.infer<typeof action>;

export const objective = z.object({
  id,
  person_id: id,
  thematic: z.enum(THEMATIC_SLUGS),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(OBJECTIVE_STATUSES),
  created_at: z.string(),
  actions: z.array(action),
});
export type Objective = z.infer<typeof objective>;
export const objectiveList = z.object({ items: z.array(objective) });

export const actionListQuery = z.strictObject({
  thematic: z.enum(THEMATIC_SLUGS, "Thématique inconnue").optional(),
  status: z.enum(ACTION_STATUSES).optional(),
});
export const actionList = z.object({ items: z.array(action) });
