// Demo data, as plain data: the five territories of the seed documents, the consortium members they
// name, fictional professionals and fictional accompanied people. No database code here: the seeding
// command reads these constants. Nothing here is real about a person: names, e-mails (reserved
// example.org domain), CAF numbers ("DEMO…") are invented; organisations are named as in the seeds
// but carry no real contact data and no SIRET.
import type { MembershipRole } from "../../../common/domain/roles.ts";
import type { RsaStatus, SituationFlag } from "../../../common/domain/person.ts";
import type { PerimeterKind } from "../../../common/schemas/territories.ts";

export const DEMO_PASSWORD = "spie-demo-2026";

export interface DemoTerritory {
  key: string;
  name: string;
  perimeter: { kind: PerimeterKind; code: string }[];
}

export interface DemoStructure {
  key: string;
  name: string;
  /** A value of the data·inclusion "réseaux porteurs" referential, or null when none fits. */
  type: string | null;
  siret: null;
  street: null;
  /** One of the commune's postal codes. */
  postal_code: string;
  commune_code: string;
  email: string;
  phone: string | null;
  territory_key: string;
  /** Its name reveals sensitive information (judicial, medical, addiction). */
  sensitive: boolean;
}

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  is_admin: boolean;
  memberships: { structure_key: string; role: MembershipRole }[];
}

export interface DemoTeamMember {
  user_key: string;
  /** Which of the user's memberships (the user has a "professional" one in this structure). */
  structure_key: string;
  referent: boolean;
}

export interface DemoPerson {
  key: string;
  first_names: string;
  last_name: string;
  birth_name: string | null;
  birth_date: string;
  commune_code: string;
  postal_code: string;
  caf_number: string;
  /** Relative to the day the module is loaded, so that the 6-week orientation deadline stays meaningful. */
  rsa_right_opened_on: string | null;
  rsa_status: RsaStatus | null;
  situation_flags: SituationFlag[];
  territory_key: string;
  team: DemoTeamMember[];
}

// ---------------------------------------------------------------------------------------------
// Territories (seeds: Aisne guide, Mayotte 976, Pyrénées-Orientales 66, Pays Ajaccien, Bretagne)

export const DEMO_TERRITORIES: readonly DemoTerritory[] = [
  { key: "aisne", name: "Aisne", perimeter: [{ kind: "departement", code: "02" }] },
  { key: "mayotte", name: "Mayotte", perimeter: [{ kind: "departement", code: "976" }] },
  { key: "pyrenees-orientales", name: "Pyrénées-Orientales", perimeter: [{ kind: "departement", code: "66" }] },
  { key: "pays-ajaccien", name: "Pays Ajaccien", perimeter: [{ kind: "epci", code: "242010056" }] },
  { key: "bretagne", name: "Bretagne", perimeter: [{ kind: "region", code: "53" }] },
];

// ---------------------------------------------------------------------------------------------
// Structures: consortium members named in the seeds. Phones are left null: no number is invented.

function structure(s: Omit<DemoStructure, "siret" | "street" | "phone" | "sensitive"> & { sensitive?: boolean }): DemoStructure {
  return { siret: null, street: null, phone: null, ...s, sensitive: s.sensitive ?? false };
}

export const DEMO_STRUCTURES: readonly DemoStructure[] = [
  // Aisne — the guide: Département (DIIE, équipe SPIE), Pôle emploi, CAF, and the three cohorts
  // (young people in Laon; Soissons / Château-Thierry; single parents in La Fère / Chauny / Tergnier).
  structure({ key: "aisne-departement", name: "Conseil départemental de l'Aisne — Direction de l'inclusion, de l'insertion et de l'emploi", type: "departements", commune_code: "02408", postal_code: "02000", email: "spie@departement-aisne.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-france-travail-laon", name: "France Travail Laon", type: "france-travail", commune_code: "02408", postal_code: "02000", email: "contact@france-travail-laon.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-france-travail-chateau-thierry", name: "France Travail Château-Thierry", type: "france-travail", commune_code: "02168", postal_code: "02400", email: "contact@france-travail-chateau-thierry.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-mission-locale-laon", name: "Mission locale de Laon", type: "mission-locale", commune_code: "02408", postal_code: "02000", email: "contact@mission-locale-laon.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-caf", name: "CAF de l'Aisne — accueil de Laon", type: "caf", commune_code: "02408", postal_code: "02000", email: "contact@caf-aisne.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-ccas-chauny", name: "CCAS de Chauny", type: "ccas-cias", commune_code: "02173", postal_code: "02300", email: "contact@ccas-chauny.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-cap-emploi", name: "Cap emploi Aisne — antenne de Soissons", type: "cap-emploi-reseau-cheops", commune_code: "02722", postal_code: "02200", email: "contact@cap-emploi-aisne.example.org", territory_key: "aisne" }),
  structure({ key: "aisne-spip", name: "SPIP de l'Aisne — antenne de Laon", type: "spip", commune_code: "02408", postal_code: "02000", email: "contact@spip-aisne.example.org", territory_key: "aisne", sensitive: true }),

  // Mayotte — consortium: Pôle emploi Mayotte, DEETS, Caisse de sécurité sociale, Mission locale,
  // ADIE, chambres consulaires; the Conseil départemental carries the PTI976.
  structure({ key: "mayotte-departement", name: "Conseil départemental de Mayotte — Pacte territorial d'insertion", type: "departements", commune_code: "97611", postal_code: "97600", email: "insertion@departement-mayotte.example.org", territory_key: "mayotte" }),
  structure({ key: "mayotte-france-travail", name: "France Travail Mayotte — Mamoudzou", type: "france-travail", commune_code: "97611", postal_code: "97600", email: "contact@france-travail-mayotte.example.org", territory_key: "mayotte" }),
  structure({ key: "mayotte-deets", name: "DEETS de Mayotte", type: "regions", commune_code: "97611", postal_code: "97600", email: "contact@deets-mayotte.example.org", territory_key: "mayotte" }),
  structure({ key: "mayotte-cssm", name: "Caisse de sécurité sociale de Mayotte", type: "caf", commune_code: "97611", postal_code: "97600", email: "contact@cssm.example.org", territory_key: "mayotte" }),
  structure({ key: "mayotte-mission-locale", name: "Mission locale de Mayotte", type: "mission-locale", commune_code: "97611", postal_code: "97600", email: "contact@mission-locale-mayotte.example.org", territory_key: "mayotte" }),
  structure({ key: "mayotte-adie", name: "ADIE Mayotte", type: "adie", commune_code: "97611", postal_code: "97600", email: "contact@adie-mayotte.example.org", territory_key: "mayotte" }),

  // Pyrénées-Orientales — consortium: Pôle emploi, DDETS, MLJ, Cap emploi – ADRH, CAF, MSA, AFPA,
  // ATD Quart Monde, chambres consulaires; the Département leads (liste.spie66).
  structure({ key: "po-departement", name: "Conseil départemental des Pyrénées-Orientales — Équipe projet SPIE", type: "departements", commune_code: "66136", postal_code: "66000", email: "spie@departement-pyrenees-orientales.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-france-travail", name: "France Travail Perpignan", type: "france-travail", commune_code: "66136", postal_code: "66000", email: "contact@france-travail-perpignan.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-mission-locale", name: "Mission locale jeunes des Pyrénées-Orientales", type: "mission-locale", commune_code: "66136", postal_code: "66000", email: "contact@mlj-66.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-cap-emploi", name: "Cap emploi 66 — ADRH", type: "cap-emploi-reseau-cheops", commune_code: "66136", postal_code: "66000", email: "contact@cap-emploi-66.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-caf", name: "CAF des Pyrénées-Orientales", type: "caf", commune_code: "66136", postal_code: "66000", email: "contact@caf-66.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-atd-quart-monde", name: "ATD Quart Monde — Pyrénées-Orientales", type: null, commune_code: "66136", postal_code: "66000", email: "contact@atd-quart-monde-66.example.org", territory_key: "pyrenees-orientales" }),
  structure({ key: "po-cma", name: "Chambre de métiers et de l'artisanat des Pyrénées-Orientales", type: "chambres-consulaires", commune_code: "66136", postal_code: "66000", email: "contact@cma-66.example.org", territory_key: "pyrenees-orientales" }),

  // Pays Ajaccien — consortium: Collectivité de Corse, State (SPIP…), Pôle emploi, Mission locale,
  // CIAS, SIAO…; the CA du Pays Ajaccien leads (direction du développement social).
  structure({ key: "capa-developpement-social", name: "CA du Pays Ajaccien — Direction du développement social", type: "communes", commune_code: "2A004", postal_code: "20000", email: "spie@ca-pays-ajaccien.example.org", territory_key: "pays-ajaccien" }),
  structure({ key: "capa-collectivite-corse", name: "Collectivité de Corse — Direction de l'insertion", type: "departements", commune_code: "2A004", postal_code: "20000", email: "insertion@collectivite-corse.example.org", territory_key: "pays-ajaccien" }),
  structure({ key: "capa-france-travail", name: "France Travail Ajaccio", type: "france-travail", commune_code: "2A004", postal_code: "20090", email: "contact@france-travail-ajaccio.example.org", territory_key: "pays-ajaccien" }),
  structure({ key: "capa-mission-locale", name: "Mission locale d'Ajaccio", type: "mission-locale", commune_code: "2A004", postal_code: "20000", email: "contact@mission-locale-ajaccio.example.org", territory_key: "pays-ajaccien" }),
  structure({ key: "capa-cias", name: "CIAS du Pays Ajaccien", type: "ccas-cias", commune_code: "2A004", postal_code: "20000", email: "contact@cias-pays-ajaccien.example.org", territory_key: "pays-ajaccien" }),
  structure({ key: "capa-spip", name: "SPIP de Corse-du-Sud", type: "spip", commune_code: "2A004", postal_code: "20000", email: "contact@spip-corse-du-sud.example.org", territory_key: "pays-ajaccien", sensitive: true }),

  // Bretagne — consortium: the four départements, the Région, the métropoles of Brest and Rennes
  // (carrying PLIE), Pôle emploi Bretagne; partners: the missions locales.
  structure({ key: "bzh-finistere", name: "Conseil départemental du Finistère — Direction de l'insertion", type: "departements", commune_code: "29232", postal_code: "29000", email: "insertion@departement-finistere.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-ille-et-vilaine", name: "Conseil départemental d'Ille-et-Vilaine — Pôle solidarité humaine", type: "departements", commune_code: "35238", postal_code: "35000", email: "insertion@departement-ille-et-vilaine.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-region", name: "Région Bretagne — Direction de l'emploi et de la formation", type: "regions", commune_code: "35238", postal_code: "35000", email: "emploi-formation@region-bretagne.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-plie-rennes", name: "PLIE de Rennes Métropole", type: "plie", commune_code: "35238", postal_code: "35000", email: "contact@plie-rennes.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-plie-brest", name: "PLIE de Brest métropole", type: "plie", commune_code: "29019", postal_code: "29200", email: "contact@plie-brest.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-france-travail-lorient", name: "France Travail Lorient", type: "france-travail", commune_code: "56121", postal_code: "56100", email: "contact@france-travail-lorient.example.org", territory_key: "bretagne" }),
  structure({ key: "bzh-mission-locale-saint-brieuc", name: "Mission locale de Saint-Brieuc", type: "mission-locale", commune_code: "22278", postal_code: "22000", email: "contact@mission-locale-saint-brieuc.example.org", territory_key: "bretagne" }),
];

// ---------------------------------------------------------------------------------------------
// Users: obviously fictional professionals, all with DEMO_PASSWORD.

const DEMO_DOMAIN = "demo.spie.example.org";

export const DEMO_USERS: readonly DemoUser[] = [
  { key: "admin", email: `admin@${DEMO_DOMAIN}`, name: "Alex Fictif", is_admin: true, memberships: [] },
  // Aisne
  { key: "aisne-social-worker", email: `camille.demo@${DEMO_DOMAIN}`, name: "Camille Démo", is_admin: false, memberships: [{ structure_key: "aisne-departement", role: "professional" }] },
  { key: "aisne-ml-professional", email: `dominique.exemple@${DEMO_DOMAIN}`, name: "Dominique Exemple", is_admin: false, memberships: [{ structure_key: "aisne-mission-locale-laon", role: "professional" }] },
  { key: "aisne-coordinator", email: `claude.essai@${DEMO_DOMAIN}`, name: "Claude Essai", is_admin: false, memberships: [{ structure_key: "aisne-departement", role: "coordinator" }] },
  { key: "aisne-ml-admin", email: `morgan.test@${DEMO_DOMAIN}`, name: "Morgan Test", is_admin: false, memberships: [{ structure_key: "aisne-mission-locale-laon", role: "structure_admin" }] },
  { key: "aisne-steering", email: `maxime.pilotage@${DEMO_DOMAIN}`, name: "Maxime Pilotage-Démo", is_admin: false, memberships: [{ structure_key: "aisne-departement", role: "steering" }] },
  {
    key: "aisne-ccas-professional",
    email: `sam.double@${DEMO_DOMAIN}`,
    name: "Sam Double-Exemple",
    is_admin: false,
    memberships: [
      { structure_key: "aisne-ccas-chauny", role: "professional" },
      { structure_key: "aisne-ccas-chauny", role: "structure_admin" },
    ],
  },
  // Other territories: one professional each
  { key: "mayotte-professional", email: `nadia.fictif@${DEMO_DOMAIN}`, name: "Nadia Fictif", is_admin: false, memberships: [{ structure_key: "mayotte-departement", role: "professional" }] },
  { key: "po-professional", email: `jordi.exemple@${DEMO_DOMAIN}`, name: "Jordi Exemple", is_admin: false, memberships: [{ structure_key: "po-mission-locale", role: "professional" }] },
  { key: "capa-professional", email: `marie-ange.essai@${DEMO_DOMAIN}`, name: "Marie-Ange Essai", is_admin: false, memberships: [{ structure_key: "capa-cias", role: "professional" }] },
  { key: "bzh-professional", email: `yann.demo@${DEMO_DOMAIN}`, name: "Yann Démo", is_admin: false, memberships: [{ structure_key: "bzh-finistere", role: "professional" }] },
];

// ---------------------------------------------------------------------------------------------
// People: obviously fictional accompanied people.

const MS_PER_DAY = 86_400_000;
/** The ISO date `days` days before the day this module is loaded (UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * MS_PER_DAY).toISOString().slice(0, 10);
}

const CAMILLE = { user_key: "aisne-social-worker", structure_key: "aisne-departement" } as const;
const DOMINIQUE = { user_key: "aisne-ml-professional", structure_key: "aisne-mission-locale-laon" } as const;
const SAM = { user_key: "aisne-ccas-professional", structure_key: "aisne-ccas-chauny" } as const;
const NADIA = { user_key: "mayotte-professional", structure_key: "mayotte-departement" } as const;
const JORDI = { user_key: "po-professional", structure_key: "po-mission-locale" } as const;
const MARIE_ANGE = { user_key: "capa-professional", structure_key: "capa-cias" } as const;
const YANN = { user_key: "bzh-professional", structure_key: "bzh-finistere" } as const;

const referent = (m: { user_key: string; structure_key: string }): DemoTeamMember => ({ ...m, referent: true });
const member = (m: { user_key: string; structure_key: string }): DemoTeamMember => ({ ...m, referent: false });

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // Aisne — cohort 1: young people 18-30 in Laon (Mission locale, Département)
  { key: "p01", first_names: "Lucas", last_name: "EXEMPLE", birth_name: null, birth_date: "2003-04-12", commune_code: "02408", postal_code: "02000", caf_number: "DEMO0200001", rsa_right_opened_on: daysAgo(12), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "aisne", team: [referent(DOMINIQUE)] },
  { key: "p02", first_names: "Inès Marie", last_name: "FICTIF", birth_name: null, birth_date: "2001-09-30", commune_code: "02408", postal_code: "02000", caf_number: "DEMO0200002", rsa_right_opened_on: daysAgo(58), rsa_status: "droit_ouvert_versable", situation_flags: ["sortant_ase", "sans_logement_stable"], territory_key: "aisne", team: [referent(DOMINIQUE), member(CAMILLE)] },
  { key: "p03", first_names: "Kevin", last_name: "DÉMO", birth_name: null, birth_date: "2000-01-05", commune_code: "02028", postal_code: "02840", caf_number: "DEMO0200003", rsa_right_opened_on: daysAgo(5), rsa_status: "nouvelle_demande", situation_flags: [], territory_key: "aisne", team: [referent(DOMINIQUE)] },
  { key: "p04", first_names: "Manon", last_name: "ESSAI", birth_name: null, birth_date: "1998-06-21", commune_code: "02157", postal_code: "02000", caf_number: "DEMO0200004", rsa_right_opened_on: daysAgo(70), rsa_status: "droit_ouvert_versable", situation_flags: ["mobilite_reduite", "rqth"], territory_key: "aisne", team: [referent(DOMINIQUE)] },
  { key: "p05", first_names: "Yanis", last_name: "TEST-DUPONT", birth_name: null, birth_date: "2004-11-02", commune_code: "02408", postal_code: "02000", caf_number: "DEMO0200005", rsa_right_opened_on: null, rsa_status: null, situation_flags: ["sortant_ase"], territory_key: "aisne", team: [referent(DOMINIQUE)] },
  { key: "p06", first_names: "Chloé", last_name: "SPÉCIMEN", birth_name: null, birth_date: "1996-03-17", commune_code: "02408", postal_code: "02000", caf_number: "DEMO0200006", rsa_right_opened_on: daysAgo(30), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "aisne", team: [referent(CAMILLE)] },
  // Aisne — cohort 2: people leaving insertion actions "without solution", Soissons / Château-Thierry
  { key: "p07", first_names: "Karim", last_name: "EXEMPLE", birth_name: null, birth_date: "1979-02-08", commune_code: "02722", postal_code: "02200", caf_number: "DEMO0200007", rsa_right_opened_on: daysAgo(400), rsa_status: "droit_ouvert_versable", situation_flags: ["demandeur_emploi_longue_duree"], territory_key: "aisne", team: [referent(CAMILLE)] },
  { key: "p08", first_names: "Sandrine", last_name: "TEST-DUPONT", birth_name: "ESSAI", birth_date: "1972-12-01", commune_code: "02722", postal_code: "02200", caf_number: "DEMO0200008", rsa_right_opened_on: daysAgo(900), rsa_status: "droit_ouvert_suspendu", situation_flags: ["demandeur_emploi_longue_duree", "proche_aidant"], territory_key: "aisne", team: [referent(CAMILLE)] },
  { key: "p09", first_names: "Thierry Jean", last_name: "MODÈLE", birth_name: null, birth_date: "1968-07-14", commune_code: "02168", postal_code: "02400", caf_number: "DEMO0200009", rsa_right_opened_on: daysAgo(48), rsa_status: "droit_ouvert_versable", situation_flags: ["beneficiaire_aah", "rqth"], territory_key: "aisne", team: [referent(CAMILLE)] },
  { key: "p10", first_names: "Nathalie", last_name: "FICTIF", birth_name: "DÉMO", birth_date: "1983-05-26", commune_code: "02168", postal_code: "02400", caf_number: "DEMO0200010", rsa_right_opened_on: daysAgo(20), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "aisne", team: [referent(CAMILLE)] },
  { key: "p11", first_names: "Mehdi", last_name: "ESSAI", birth_name: null, birth_date: "1990-10-10", commune_code: "02722", postal_code: "02200", caf_number: "DEMO0200011", rsa_right_opened_on: daysAgo(200), rsa_status: "droit_clos", situation_flags: ["sans_logement_stable"], territory_key: "aisne", team: [referent(CAMILLE)] },
  // Aisne — cohort 3: single-parent families, La Fère / Chauny / Tergnier (CCAS de Chauny)
  { key: "p12", first_names: "Aurélie", last_name: "DÉMO", birth_name: null, birth_date: "1991-08-03", commune_code: "02173", postal_code: "02300", caf_number: "DEMO0200012", rsa_right_opened_on: daysAgo(44), rsa_status: "droit_ouvert_versable", situation_flags: ["parent_isole"], territory_key: "aisne", team: [referent(SAM), member(CAMILLE)] },
  { key: "p13", first_names: "Jessica", last_name: "MAQUETTE", birth_name: null, birth_date: "1994-02-28", commune_code: "02738", postal_code: "02700", caf_number: "DEMO0200013", rsa_right_opened_on: daysAgo(9), rsa_status: "nouvelle_demande", situation_flags: ["parent_isole"], territory_key: "aisne", team: [referent(SAM)] },
  { key: "p14", first_names: "Fatou", last_name: "EXEMPLE", birth_name: null, birth_date: "1987-11-19", commune_code: "02304", postal_code: "02800", caf_number: "DEMO0200014", rsa_right_opened_on: daysAgo(90), rsa_status: "droit_ouvert_versable", situation_flags: ["parent_isole", "sans_logement_stable"], territory_key: "aisne", team: [referent(CAMILLE), member(SAM)] },
  { key: "p15", first_names: "Céline", last_name: "FACTICE", birth_name: "ESSAI", birth_date: "1985-04-04", commune_code: "02173", postal_code: "02300", caf_number: "DEMO0200015", rsa_right_opened_on: daysAgo(150), rsa_status: "droit_ouvert_versement_suspendu", situation_flags: ["parent_isole"], territory_key: "aisne", team: [referent(SAM)] },
  { key: "p16", first_names: "Julien", last_name: "FICTIF", birth_name: null, birth_date: "1989-09-09", commune_code: "02738", postal_code: "02700", caf_number: "DEMO0200016", rsa_right_opened_on: daysAgo(25), rsa_status: "droit_ouvert_versable", situation_flags: ["parent_isole", "mobilite_reduite"], territory_key: "aisne", team: [referent(SAM), member(CAMILLE)] },
  // Mayotte
  { key: "p17", first_names: "Anli", last_name: "EXEMPLE", birth_name: null, birth_date: "1997-01-15", commune_code: "97611", postal_code: "97600", caf_number: "DEMO9760001", rsa_right_opened_on: daysAgo(60), rsa_status: "droit_ouvert_versable", situation_flags: ["demandeur_emploi_longue_duree"], territory_key: "mayotte", team: [referent(NADIA)] },
  { key: "p18", first_names: "Zaïnaba", last_name: "FICTIF", birth_name: null, birth_date: "1992-06-06", commune_code: "97610", postal_code: "97600", caf_number: "DEMO9760002", rsa_right_opened_on: daysAgo(15), rsa_status: "nouvelle_demande", situation_flags: ["rqth", "mobilite_reduite"], territory_key: "mayotte", team: [referent(NADIA)] },
  { key: "p19", first_names: "Ibrahim", last_name: "DÉMO", birth_name: null, birth_date: "1981-03-22", commune_code: "97608", postal_code: "97615", caf_number: "DEMO9760003", rsa_right_opened_on: daysAgo(300), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "mayotte", team: [referent(NADIA)] },
  // Pyrénées-Orientales
  { key: "p20", first_names: "Léa", last_name: "ESSAI", birth_name: null, birth_date: "2002-05-18", commune_code: "66136", postal_code: "66000", caf_number: "DEMO0660001", rsa_right_opened_on: daysAgo(35), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "pyrenees-orientales", team: [referent(JORDI)] },
  { key: "p21", first_names: "Enzo", last_name: "TEST-MARTIN", birth_name: null, birth_date: "2003-12-24", commune_code: "66164", postal_code: "66600", caf_number: "DEMO0660002", rsa_right_opened_on: null, rsa_status: null, situation_flags: ["sans_logement_stable"], territory_key: "pyrenees-orientales", team: [referent(JORDI)] },
  // Pays Ajaccien
  { key: "p22", first_names: "Marie-Laure", last_name: "DÉMO", birth_name: "FICTIF", birth_date: "1984-08-08", commune_code: "2A004", postal_code: "20090", caf_number: "DEMO0200A01", rsa_right_opened_on: daysAgo(50), rsa_status: "droit_ouvert_versable", situation_flags: ["parent_isole"], territory_key: "pays-ajaccien", team: [referent(MARIE_ANGE)] },
  { key: "p23", first_names: "Paul-Antoine", last_name: "EXEMPLE", birth_name: null, birth_date: "1976-10-31", commune_code: "2A006", postal_code: "20167", caf_number: "DEMO0200A02", rsa_right_opened_on: daysAgo(700), rsa_status: "droit_ouvert_versable", situation_flags: ["demandeur_emploi_longue_duree"], territory_key: "pays-ajaccien", team: [referent(MARIE_ANGE)] },
  // Bretagne
  { key: "p24", first_names: "Gwenaëlle", last_name: "ESSAI", birth_name: null, birth_date: "1993-02-14", commune_code: "29019", postal_code: "29200", caf_number: "DEMO0530001", rsa_right_opened_on: daysAgo(18), rsa_status: "droit_ouvert_versable", situation_flags: [], territory_key: "bretagne", team: [referent(YANN)] },
  { key: "p25", first_names: "Erwan", last_name: "FICTIF", birth_name: null, birth_date: "1986-07-01", commune_code: "29232", postal_code: "29000", caf_number: "DEMO0530002", rsa_right_opened_on: daysAgo(65), rsa_status: "droit_ouvert_versable", situation_flags: ["proche_aidant"], territory_key: "bretagne", team: [referent(YANN)] },
];
