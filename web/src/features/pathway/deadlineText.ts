// How a deadline reads in French: the status is always written, never shown by colour alone.
import { DEADLINE_STATUS_LABELS } from "../../../../common/domain/deadlines.ts";
import type { DeadlineView } from "../../../../common/schemas/pathway.ts";
import { formatDate, plural } from "../../shared/format.ts";

export const DEADLINE_TITLES = {
  orientation: "Orientation (6 semaines après l'ouverture du droit RSA)",
  contract: "Contrat d'engagement (1 mois après la notification de l'orientation)",
  contact: "Contact avec la personne (au moins tous les 3 mois)",
} as const;

export function deadlineSeverity(d: DeadlineView): "success" | "error" | "warning" | "info" {
  return d.status === "done" ? "success" : d.status === "overdue" ? "error" : d.status === "soon" ? "warning" : "info";
}

export function deadlineBadgeLabel(d: DeadlineView): string {
  if (d.status === "done") return d.late ? "Fait, en retard" : "Fait dans les délais";
  return DEADLINE_STATUS_LABELS[d.status];
}

export function deadlineSentence(d: DeadlineView): string {
  if (d.kind === "contact") {
    if (d.status === "overdue") return `Aucun contact depuis le ${formatDate(d.started_on)} : plus de 3 mois (depuis le ${formatDate(d.due_on)}).`;
    return `Dernier contact le ${formatDate(d.started_on)} ; prochain contact avant le ${formatDate(d.due_on)}.`;
  }
  const what = d.kind === "orientation" ? "Orientation" : "Contrat";
  if (d.status === "done") return `${what} faite le ${formatDate(d.done_on)} (échéance : ${formatDate(d.due_on)}).`.replace("Contrat faite", "Contrat signé");
  if (d.status === "overdue") return `${what} en retard de ${plural(-d.days_left, "jour", "jours")} : échéance dépassée le ${formatDate(d.due_on)}.`;
  if (d.days_left === 0) return `${what} à faire aujourd'hui au plus tard (${formatDate(d.due_on)}).`;
  return `${what} à faire avant le ${formatDate(d.due_on)} (dans ${plural(d.days_left, "jour", "jours")}).`;
}

/** The short form for lists (the badge says the status): "Orientation : 12 jours de retard". */
export function deadlineShort(d: DeadlineView): string {
  if (d.kind === "contact") {
    return d.status === "overdue" ? `Sans contact depuis le ${formatDate(d.started_on)}` : `Contact avant le ${formatDate(d.due_on)}`;
  }
  const what = d.kind === "orientation" ? "Orientation" : "Contrat";
  if (d.status === "overdue") return `${what} : ${plural(-d.days_left, "jour", "jours")} de retard`;
  if (d.status === "done") return `${what} : fait le ${formatDate(d.done_on)}`;
  return d.days_left === 0 ? `${what} : aujourd'hui` : `${what} avant le ${formatDate(d.due_on)}`;
}
