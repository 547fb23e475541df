// French sentences of the pathway's timeline events (diagnostic, orientation, contract, action
// plan, notes), merged into the summaries of server/features/people/events.ts.
import { ACTION_STATUS_LABELS, OBJECTIVE_STATUS_LABELS, type ActionStatus, type ObjectiveStatus } from "../../../common/domain/action-plan.ts";
import { CONTRACT_TYPE_LABELS, type ContractType } from "../../../common/domain/contracts.ts";
import { formatDateFr } from "../../../common/domain/dates.ts";
import { CONTACT_KIND_LABELS, NOTE_VISIBILITY_LABELS, type ContactKind, type NoteVisibility } from "../../../common/domain/notes.ts";
import { TRACK_LABELS, type Track } from "../../../common/domain/orientation.ts";
import { THEMATIC_LABELS, type ThematicSlug } from "../../../common/domain/thematics.ts";

const str = (v: unknown, fallback = "") => (typeof v === "string" && v ? v : fallback);
const date = (v: unknown) => (typeof v === "string" && v ? formatDateFr(v) : "");
const track = (v: unknown) => TRACK_LABELS[v as Track] ?? str(v);
const contractType = (v: unknown) => CONTRACT_TYPE_LABELS[v as ContractType] ?? "Contrat";
const thematic = (v: unknown) => THEMATIC_LABELS[v as ThematicSlug] ?? str(v);
const actionStatus = (v: unknown) => ACTION_STATUS_LABELS[v as ActionStatus] ?? str(v);

export const PATHWAY_SUMMARIES: Record<string, (data: Record<string, unknown>) => string> = {
  diagnostic_saved: (d) => {
    const thematics = Array.isArray(d.thematics) && d.thematics.length ? ` : ${(d.thematics as string[]).join(", ")}` : "";
    return `Diagnostic enregistré (version ${String(d.version ?? "?")}, ${String(d.changes ?? 0)} modification(s)${thematics})`;
  },
  orientation_decided: (d) =>
    `Orientation ${track(d.track).toLowerCase()} décidée — organisme référent : ${str(d.structure_name, "?")}${d.referent_name ? `, référent·e : ${str(d.referent_name)}` : ""}${d.differs ? ` (différente de la recommandation : ${track(d.recommended_track).toLowerCase()})` : ""}`,
  reorientation_decided: (d) =>
    `Réorientation acceptée : orientation ${track(d.track).toLowerCase()} — organisme référent : ${str(d.structure_name, "?")}${d.referent_name ? `, référent·e : ${str(d.referent_name)}` : ""}`,
  reorientation_requested: (d) => `Demande de réorientation${d.proposed_track ? ` (proposée : ${track(d.proposed_track).toLowerCase()})` : ""} : ${str(d.reason)}`,
  reorientation_refused: (d) => `Demande de réorientation refusée : ${str(d.reason)}`,
  contract_created: (d) => `${contractType(d.type)} écrit, du ${date(d.starts_on)} au ${date(d.ends_on)} (${String(d.weekly_hours ?? "?")} h par semaine)`,
  contract_signed: (d) => `${contractType(d.type)} signé le ${date(d.signed_on)}`,
  contract_updated: (d) => `${contractType(d.type)} : brouillon corrigé (version ${String(d.version ?? "?")})`,
  contract_amended: (d) => `${contractType(d.type)} : avenant n° ${String(d.amendment ?? "?")} (version ${String(d.version ?? "?")}) — ${str(d.reason)}`,
  contract_ended: (d) => `${contractType(d.type)} terminé le ${date(d.ended_on)} : ${str(d.reason)}`,
  contract_renewed: (d) => `${contractType(d.type)} renouvelé : nouveau contrat à signer, du ${date(d.starts_on)} au ${date(d.ends_on)}`,
  objective_created: (d) => `Objectif ajouté au plan d'action (${thematic(d.thematic)}) : ${str(d.title)}`,
  objective_updated: (d) => `Objectif modifié (${thematic(d.thematic)}) : ${str(d.title)}${d.status ? ` — ${OBJECTIVE_STATUS_LABELS[d.status as ObjectiveStatus] ?? str(d.status)}` : ""}`,
  action_created: (d) => `Action ajoutée (${thematic(d.thematic)}) : ${str(d.title)}${d.service_label ? ` — service : ${str(d.service_label)}` : ""}`,
  action_status_changed: (d) => `Action « ${str(d.title)} » : ${actionStatus(d.from).toLowerCase()} → ${actionStatus(d.to).toLowerCase()}`,
  action_updated: (d) => `Action modifiée (${thematic(d.thematic)}) : ${str(d.title)}`,
  note_added: (d) =>
    d.deleted
      ? "Note (supprimée par son auteur·rice)"
      : `Note${d.contact_kind ? ` — ${(CONTACT_KIND_LABELS[d.contact_kind as ContactKind] ?? str(d.contact_kind)).toLowerCase()}` : ""} (visible par : ${(NOTE_VISIBILITY_LABELS[d.visibility as NoteVisibility] ?? str(d.visibility)).toLowerCase()}) : « ${str(d.excerpt)} »`,
  note_corrected: (d) => `Note corrigée par son auteur·rice (visible par : ${(NOTE_VISIBILITY_LABELS[d.visibility as NoteVisibility] ?? str(d.visibility)).toLowerCase()})`,
  note_deleted: () => "Note supprimée par son auteur·rice",
};
