// The action plan (DOMAIN.md §3 step 5): objectives per thematic, each with actions.

export const ACTION_STATUSES = ["planned", "in_progress", "done", "abandoned", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: "Prévue",
  in_progress: "En cours",
  done: "Réalisée",
  abandoned: "Abandonnée",
  cancelled: "Annulée",
};
/** Statuses that close an action (ended_on is set). */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ["done", "abandoned", "cancelled"];

export const OBJECTIVE_STATUSES = ["open", "achieved", "abandoned"] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];
export const OBJECTIVE_STATUS_LABELS: Record<ObjectiveStatus, string> = {
  open: "En cours",
  achieved: "Atteint",
  abandoned: "Abandonné",
};

/**
 * The dates an action gets when its status changes: started_on when it starts (or is done without
 * having been started), ended_on when it closes; both cleared when it goes back to "planned", the
 * end cleared when it is in progress again. An unchanged status keeps its dates.
 */
export function actionDatesOnStatus(
  current: { status: ActionStatus; started_on: string | null; ended_on: string | null },
  next: ActionStatus,
  today: string,
): { started_on: string | null; ended_on: string | null } {
  if (next === current.status) return { started_on: current.started_on, ended_on: current.ended_on };
  if (next === "planned") return { started_on: null, ended_on: null };
  if (next === "in_progress") return { started_on: current.started_on ?? today, ended_on: null };
  return { started_on: next === "done" ? (current.started_on ?? today) : current.started_on, ended_on: today };
}
