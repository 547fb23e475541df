// Demo pathways: a diagnostic (two versions for one person), orientations, a contract and an
// action plan for a few demo people of the Aisne, so the screens show something from the start.
// Written through the repositories, like the rest of the seed. Inès (p02) is left untouched: the
// end-to-end test walks her pathway from the beginning.
import { addDays, todayIso } from "../../../common/domain/dates.ts";
import { emptyAssessment, emptyProfessional, type DiagnosticContent } from "../../../common/domain/diagnostic.ts";
import { recommendOrientation } from "../../../common/domain/orientation.ts";
import type { RsaStatus } from "../../../common/domain/person.ts";
import { THEMATICS, type ThematicSlug, type Weight } from "../../../common/domain/thematics.ts";
import type { Db } from "../../db/client.ts";
import { insertAction, insertObjective } from "../action-plan/action-plan.repository.ts";
import { insertContract, insertVersion as insertContractVersion } from "../contracts/contracts.repository.ts";
import { insertVersion as insertDiagnosticVersion } from "../diagnostic/diagnostic.repository.ts";
import { insertOrientation } from "../orientation/orientation.repository.ts";
import { person_events } from "../people/people.tables.ts";
import { DEMO_PEOPLE } from "./demo-data.ts";

export interface DemoIds {
  personIds: Map<string, string>;
  userIds: Map<string, string>;
  /** "<user key>/<structure key>/<role>" → membership id */
  membershipIds: Map<string, string>;
  structureIds: Map<string, string>;
}

function content(weights: Partial<Record<ThematicSlug, [Weight, string | null, string | null]>>, professional: Partial<DiagnosticContent["professional"]>, assessor: { user_id: string; name: string; structure_name: string; at: string }): DiagnosticContent {
  const thematics = Object.fromEntries(
    THEMATICS.map((t) => {
      const w = weights[t.slug];
      return [t.slug, w ? { weight: w[0], situation: w[1], needs: w[2], assessed_by: assessor } : emptyAssessment()];
    }),
  ) as DiagnosticContent["thematics"];
  return { thematics, professional: { ...emptyProfessional(), ...professional } };
}

export async function seedDemoPathway(tx: Db, ids: DemoIds): Promise<void> {
  const today = todayIso();
  const at = (days: number) => new Date(Date.now() - days * 86_400_000);
  const camille = { user_id: ids.userIds.get("aisne-social-worker")!, membership_id: ids.membershipIds.get("aisne-social-worker/aisne-departement/professional")! };
  const claude = { user_id: ids.userIds.get("aisne-coordinator")!, membership_id: ids.membershipIds.get("aisne-coordinator/aisne-departement/coordinator")! };
  const cd = ids.structureIds.get("aisne-departement")!;
  const assessor = { user_id: camille.user_id, name: "Camille Démo", structure_name: "Conseil départemental de l'Aisne — Direction de l'inclusion, de l'insertion et de l'emploi", at: at(30).toISOString() };
  const event = (person_id: string, type: string, days: number, actor: { user_id: string; membership_id: string }, data: Record<string, unknown>) =>
    tx.insert(person_events).values({ person_id, type, at: at(days), actor_user_id: actor.user_id, actor_membership_id: actor.membership_id, data });

  // Karim (p07): long-term job seeker, oriented a year ago, contract, an action plan under way.
  const karim = ids.personIds.get("p07")!;
  const karimDiagnostic = content(
    {
      remobilisation: ["fort", "Isolé depuis la fin de son dernier contrat", "Reprendre un rythme, ateliers collectifs"],
      mobilite: ["moyen", "Permis mais pas de véhicule", null],
      "emploi-formation": ["moyen", "Cariste, certificat à renouveler", "Recyclage CACES"],
      logement: ["sans-impact", null, null],
      sante: ["sans-impact", null, null],
    },
    { work_situation: "en_recherche_emploi", last_job_end_date: addDays(today, -900), qualification_level: "3", wish: "formation", projects: [{ job: "Cariste", contract_kinds: ["cdi", "interim"], working_time: "temps_plein" }], mobility: { driving_licence: true, vehicle: false, radius_km: 20 } },
    { ...assessor, at: at(385).toISOString() },
  );
  await insertDiagnosticVersion(tx, { person_id: karim, version: 1, content: karimDiagnostic, author_user_id: camille.user_id, author_membership_id: camille.membership_id, created_at: at(385) });
  await event(karim, "diagnostic_saved", 385, camille, { version: 1, changes: 9, thematics: ["Logement", "Sociabilisation & remobilisation", "Emploi & formation", "Mobilité", "Santé"] });
  const karimPerson = DEMO_PEOPLE.find((p) => p.key === "p07")!;
  const karimRec = recommendOrientation({
    today: addDays(today, -380),
    birth_date: karimPerson.birth_date,
    rsa_status: karimPerson.rsa_status as RsaStatus,
    situation_flags: karimPerson.situation_flags,
    weights: Object.fromEntries(Object.entries(karimDiagnostic.thematics).map(([k, v]) => [k, v.weight])),
    professional: karimDiagnostic.professional,
  });
  if (!karimRec.track) throw new Error("demo: Karim's file should be enough for a recommendation");
  const karimTrack = karimRec.track;
  const orientation = await insertOrientation(tx, {
    person_id: karim,
    track: karimTrack,
    structure_id: cd,
    referent_membership_id: camille.membership_id,
    decided_on: addDays(today, -380),
    notified_on: addDays(today, -378),
    reason: null,
    recommended_track: karimRec.track,
    recommendation: { score: karimRec.score, reasons: karimRec.reasons, diagnostic_version: 1 },
    decided_by_user_id: claude.user_id,
    decided_by_membership_id: claude.membership_id,
  });
  await event(karim, "orientation_decided", 380, claude, { orientation_id: orientation.id, track: karimTrack, structure_name: "Conseil départemental de l'Aisne — Direction de l'inclusion, de l'insertion et de l'emploi", referent_name: "Camille Démo", recommended_track: karimRec.track, differs: false });
  const contract = await insertContract(tx, {
    person_id: karim,
    type: "contrat_engagement",
    objectives: "Renouveler le CACES, reprendre un rythme par des ateliers collectifs, retrouver un emploi de cariste.",
    person_commitments: "Participer aux ateliers du jeudi ; se présenter aux rendez-vous mensuels.",
    structure_commitments: "Financer le recyclage CACES ; accompagner la recherche d'emploi.",
    weekly_hours: 15,
    starts_on: addDays(today, -370),
    ends_on: addDays(today, 60),
    signed_on: addDays(today, -370),
    signature_method: "manuscrite",
    status: "signed",
    structure_id: cd,
    orientation_id: orientation.id,
    created_by_user_id: camille.user_id,
    created_by_membership_id: camille.membership_id,
    created_at: at(372),
  });
  await insertContractVersion(tx, { contract_id: contract.id, version: 1, kind: "created", content: { type: contract.type, starts_on: contract.starts_on, ends_on: contract.ends_on, weekly_hours: 15 }, fields: ["type", "objectives", "starts_on", "ends_on", "weekly_hours", "signed_on", "signature_method"], author_user_id: camille.user_id, author_membership_id: camille.membership_id });
  await event(karim, "contract_signed", 370, camille, { contract_id: contract.id, type: "contrat_engagement", signed_on: addDays(today, -370) });
  const objective = await insertObjective(tx, { person_id: karim, thematic: "emploi-formation", title: "Renouveler le CACES", created_by_user_id: camille.user_id, created_by_membership_id: camille.membership_id, created_at: at(369) });
  await insertAction(tx, { person_id: karim, objective_id: objective.id, title: "Inscription au recyclage CACES", status: "done", started_on: addDays(today, -300), ended_on: addDays(today, -280), service_label: "Organisme de formation (hors annuaire)", created_by_user_id: camille.user_id, created_by_membership_id: camille.membership_id });
  await insertAction(tx, { person_id: karim, objective_id: objective.id, title: "Candidatures auprès des plateformes logistiques", status: "in_progress", started_on: addDays(today, -60), due_on: addDays(today, 30), created_by_user_id: camille.user_id, created_by_membership_id: camille.membership_id });
  await event(karim, "objective_created", 369, camille, { objective_id: objective.id, thematic: "emploi-formation", title: "Renouveler le CACES" });

  // Thierry (p09): two versions of a diagnostic, orientation still to decide (overdue).
  const thierry = ids.personIds.get("p09")!;
  const v1 = content({ sante: ["moyen", "Fatigue, suivi en cours", null], "emploi-formation": ["moyen", "Ancien maçon", null] }, { work_situation: "sans_activite", qualification_level: "3" }, { ...assessor, at: at(20).toISOString() });
  const v2 = content(
    { sante: ["fort", "Ne peut plus porter de charges", "Reconversion compatible"], "emploi-formation": ["moyen", "Ancien maçon", "Bilan de compétences"], mobilite: ["sans-impact", null, null] },
    { work_situation: "sans_activite", qualification_level: "3", last_job_end_date: addDays(today, -1500), wish: "formation" },
    { ...assessor, at: at(10).toISOString() },
  );
  await insertDiagnosticVersion(tx, { person_id: thierry, version: 1, content: v1, author_user_id: camille.user_id, author_membership_id: camille.membership_id, created_at: at(20) });
  await insertDiagnosticVersion(tx, { person_id: thierry, version: 2, content: v2, author_user_id: camille.user_id, author_membership_id: camille.membership_id, created_at: at(10) });
  await event(thierry, "diagnostic_saved", 20, camille, { version: 1, changes: 4, thematics: ["Emploi & formation", "Santé"] });
  await event(thierry, "diagnostic_saved", 10, camille, { version: 2, changes: 6, thematics: ["Emploi & formation", "Mobilité", "Santé"] });
}
