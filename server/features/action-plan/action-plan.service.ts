// The action plan: objectives (one thematic each) and their actions, shared by the whole team.
// An objective or action is reached through its person's file: no access to the person, no
// access to it (404); an action never moves to another person's objective.
import { actionDatesOnStatus, type ActionStatus, type ObjectiveStatus } from "../../../common/domain/action-plan.ts";
import { todayIso } from "../../../common/domain/dates.ts";
import type { ThematicSlug } from "../../../common/domain/thematics.ts";
import type { Action, ActionCreateBody, ActionUpdateBody, Objective, ObjectiveCreateBody, ObjectiveUpdateBody } from "../../../common/schemas/action-plan.ts";
import type { Ctx } from "../../http/context.ts";
import type { Db } from "../../db/client.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { PersonAccess } from "../../policy/people.ts";
import { addEvent } from "../people/events.ts";
import * as repo from "./action-plan.repository.ts";
import { resolveService } from "./directory-link.ts";

export function actionView(r: repo.ActionWithNames): Action {
  const a = r.action;
  return {
    id: a.id,
    person_id: a.person_id,
    objective_id: a.objective_id,
    objective_title: r.objective_title,
    thematic: r.thematic as ThematicSlug,
    title: a.title,
    description: a.description,
    status: a.status as ActionStatus,
    planned_on: a.planned_on,
    due_on: a.due_on,
    started_on: a.started_on,
    ended_on: a.ended_on,
    service: a.service_label || a.service_id ? { id: a.service_id, label: a.service_label ?? "Service de l'annuaire", in_directory: a.service_id !== null } : null,
    carried_by: a.carried_by,
    created_by: { name: r.author_name, structure_name: r.author_structure_name },
    created_at: a.created_at.toISOString(),
    updated_at: a.updated_at.toISOString(),
  };
}

function objectiveView(o: repo.ObjectiveRow, actions: Action[]): Objective {
  return {
    id: o.id,
    person_id: o.person_id,
    thematic: o.thematic as ThematicSlug,
    title: o.title,
    description: o.description,
    status: o.status as ObjectiveStatus,
    created_at: o.created_at.toISOString(),
    actions: actions.filter((a) => a.objective_id === o.id),
  };
}

/** The objective, which the gate found on the person it granted. */
async function grantedObjective(ctx: Ctx, access: PersonAccess, id: string) {
  const objective = await repo.findObjective(ctx.db, id);
  if (!objective || objective.person_id !== access.person_id) throw new DomainError("not_found", "Objectif introuvable.");
  return objective;
}

/** The action, which the gate found on the person it granted. */
async function grantedAction(ctx: Ctx, access: PersonAccess, id: string) {
  const action = await repo.findAction(ctx.db, id);
  if (!action || action.action.person_id !== access.person_id) throw new DomainError("not_found", "Action introuvable.");
  return action;
}

export async function listObjectives(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const [objectives, actions] = await Promise.all([repo.listObjectives(ctx.db, personId), repo.listActions(ctx.db, personId)]);
  const views = actions.map(actionView);
  return { items: objectives.map((o) => objectiveView(o, views)) };
}

export async function listActions(ctx: Ctx, access: PersonAccess, filters: { thematic?: string | undefined; status?: string | undefined }) {
  const personId = access.person_id;
  const rows = await repo.listActions(ctx.db, personId, filters);
  return { items: rows.map(actionView) };
}

export async function createObjective(ctx: Ctx, access: PersonAccess, body: ObjectiveCreateBody): Promise<Objective> {
  const personId = access.person_id;
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertObjective(tx, {
      person_id: personId,
      thematic: body.thematic,
      title: body.title,
      description: body.description || null,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: access.membership_id,
    });
    await addEvent(ctx, tx, personId, "objective_created", access.membership_id, { objective_id: inserted.id, thematic: inserted.thematic, title: inserted.title });
    return inserted;
  });
  return objectiveView(row, []);
}

export async function updateObjective(ctx: Ctx, access: PersonAccess, id: string, body: ObjectiveUpdateBody): Promise<Objective> {
  const objective = await grantedObjective(ctx, access, id);
  const values: Partial<repo.ObjectiveRow> = {};
  if (body.thematic !== undefined) values.thematic = body.thematic;
  if (body.title !== undefined) values.title = body.title;
  if (body.description !== undefined) values.description = body.description || null;
  if (body.status !== undefined) values.status = body.status;
  await ctx.db.transaction(async (tx) => {
    await repo.updateObjective(tx, id, values);
    await addEvent(ctx, tx, objective.person_id, "objective_updated", access.membership_id, { objective_id: id, title: values.title ?? objective.title, thematic: values.thematic ?? objective.thematic, status: values.status ?? null, fields: Object.keys(values) });
  });
  const updated = (await repo.findObjective(ctx.db, id))!;
  return objectiveView(updated, (await repo.listActions(ctx.db, objective.person_id)).map(actionView));
}

export async function createAction(ctx: Ctx, access: PersonAccess, objectiveId: string, body: ActionCreateBody): Promise<Action> {
  const objective = await grantedObjective(ctx, access, objectiveId);
  const service = await resolveService(ctx.db, body.service_id, body.service_label);
  const today = todayIso();
  const dates = actionDatesOnStatus({ status: "planned", started_on: null, ended_on: null }, body.status, today);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertAction(tx, {
      person_id: objective.person_id,
      objective_id: objective.id,
      title: body.title,
      description: body.description || null,
      status: body.status,
      planned_on: body.planned_on ?? null,
      due_on: body.due_on ?? null,
      ...dates,
      ...service,
      carried_by: body.carried_by || null,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: access.membership_id,
    });
    await addEvent(ctx, tx, objective.person_id, "action_created", access.membership_id, {
      action_id: inserted.id,
      title: inserted.title,
      objective_title: objective.title,
      thematic: objective.thematic,
      service_label: inserted.service_label,
    });
    return inserted;
  });
  return actionView((await repo.findAction(ctx.db, row.id))!);
}

export async function updateAction(ctx: Ctx, access: PersonAccess, id: string, body: ActionUpdateBody): Promise<Action> {
  const found = await grantedAction(ctx, access, id);
  const current = found.action;
  const values: Partial<repo.ActionRow> = {};
  let objectiveTitle = found.objective_title;
  let thematic = found.thematic;
  if (body.objective_id !== undefined && body.objective_id !== current.objective_id) {
    const target = await repo.findObjective(ctx.db, body.objective_id);
    if (!target || target.person_id !== current.person_id) {
      throw fieldErrors([{ field: "objective_id", code: "other_person", message: "Cet objectif n'existe pas dans le plan d'action de cette personne" }]);
    }
    values.objective_id = target.id;
    objectiveTitle = target.title;
    thematic = target.thematic;
  }
  for (const f of ["title", "planned_on", "due_on"] as const) if (body[f] !== undefined) values[f] = body[f] as never;
  for (const f of ["description", "carried_by"] as const) if (body[f] !== undefined) values[f] = body[f] || null;
  if (body.service_id !== undefined || body.service_label !== undefined) {
    Object.assign(values, await resolveService(ctx.db, body.service_id !== undefined ? body.service_id : current.service_id, body.service_label !== undefined ? body.service_label : current.service_label));
  }
  const status = body.status ?? (current.status as ActionStatus);
  if (body.status !== undefined && body.status !== current.status) {
    values.status = body.status;
    Object.assign(values, actionDatesOnStatus({ status: current.status as ActionStatus, started_on: current.started_on, ended_on: current.ended_on }, body.status, todayIso()));
  }
  if (body.started_on !== undefined) values.started_on = body.started_on;
  if (body.ended_on !== undefined) values.ended_on = body.ended_on;
  const startedOn = values.started_on !== undefined ? values.started_on : current.started_on;
  const endedOn = values.ended_on !== undefined ? values.ended_on : current.ended_on;
  if (startedOn && endedOn && endedOn < startedOn) throw fieldErrors([{ field: "ended_on", code: "before_start", message: "L'action ne peut pas finir avant d'avoir commencé" }]);
  const fields = Object.keys(values).filter((k) => (values as Record<string, unknown>)[k] !== (current as Record<string, unknown>)[k]);
  if (fields.length > 0) {
    await ctx.db.transaction(async (tx) => {
      await repo.updateAction(tx, id, values);
      const data = { action_id: id, title: values.title ?? current.title, objective_title: objectiveTitle, thematic };
      if (fields.includes("status")) await addEvent(ctx, tx, current.person_id, "action_status_changed", access.membership_id, { ...data, from: current.status, to: status });
      const others = fields.filter((f) => !["status", "started_on", "ended_on"].includes(f));
      if (others.length > 0) await addEvent(ctx, tx, current.person_id, "action_updated", access.membership_id, { ...data, fields: others });
    });
  }
  return actionView((await repo.findAction(ctx.db, id))!);
}

/**
 * Actions a committee decided for the person (server/features/committees): added to the plan under
 * one objective per thematic named after the committee (created when missing), each with its
 * timeline event, in the caller's transaction. The committee's own policy decided who records them.
 */
export async function addCommitteeActions(
  ctx: Ctx,
  tx: Db,
  personId: string,
  membershipId: string | null,
  committeeName: string,
  items: { title: string; thematic: ThematicSlug; carried_by: string; due_on: string }[],
): Promise<string[]> {
  const ids: string[] = [];
  const title = `Décisions du comité « ${committeeName} »`;
  const existing = await repo.listObjectives(tx, personId);
  for (const item of items) {
    let objective = existing.find((o) => o.title === title && o.thematic === item.thematic && o.status === "open");
    if (!objective) {
      objective = await repo.insertObjective(tx, { person_id: personId, thematic: item.thematic, title, created_by_user_id: ctx.actor.user_id, created_by_membership_id: membershipId });
      existing.push(objective);
      await addEvent(ctx, tx, personId, "objective_created", membershipId, { objective_id: objective.id, thematic: objective.thematic, title });
    }
    const inserted = await repo.insertAction(tx, {
      person_id: personId,
      objective_id: objective.id,
      title: item.title,
      status: "planned",
      due_on: item.due_on,
      carried_by: item.carried_by,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: membershipId,
    });
    await addEvent(ctx, tx, personId, "action_created", membershipId, { action_id: inserted.id, title: inserted.title, objective_title: title, thematic: item.thematic, service_label: null, committee: committeeName });
    ids.push(inserted.id);
  }
  return ids;
}
