// The route × role × relation matrix. Every route of the OpenAPI document under /api/v1 is listed
// below with the answer each caller gets; a route missing from the table (or a stale line) fails
// the test, so a new route is covered from its first commit. For routes on a person's file, every
// answer that shows or changes the file writes exactly one access-log row with the relation's
// reason, and every refusal writes none.
//
// Columns (ACTORS): anonymous · outsider (professional of the territory, not in the team) ·
// member (in the team) · referent · coordinator (of the person's territory) · coordinator_elsewhere ·
// structure_admin (of the référent's structure) · steering (of the territory) · admin (platform
// admin, who also holds a coordinator membership of the territory: it gives no file) · receiver
// (professional of the structure receiving the world's referral: sees that referral, never the file).
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomToken, sha256 } from "../crypto.ts";
import { access_log } from "../features/access-log/access-log.tables.ts";
import { invitations } from "../features/invitations/invitations.tables.ts";
import { multipartFile, tinyPdf } from "../test/documents.ts";
import * as f from "../test/factories.ts";
import { testApp, type Client, type TestApp } from "../test/app.ts";
import { accessWorld, ACTORS, type AccessWorld, type ActorName } from "../test/access-world.ts";
import { structures } from "../features/structures/structures.tables.ts";
import { cohort_members, cohorts } from "../features/cohorts/cohorts.tables.ts";
import { insertPerson } from "../features/people/people.repository.ts";
import { nameKeys } from "../features/people/people.service.ts";

interface Row {
  /** One status per column, separated by spaces. */
  expect: string;
  /** The route is on a person's file: allowed answers log one row with the relation's reason. */
  person?: boolean;
  /** The path with its ids (defaults to the route with {id} = the person). */
  url?: (w: AccessWorld, fresh: Record<string, string>) => string;
  body?: (w: AccessWorld, fresh: Record<string, string>) => unknown | Promise<unknown>;
  /** Fresh objects for each cell (a pending request to decide, a member to remove…), knowing the cell's caller. */
  setup?: (w: AccessWorld, actor: ActorName) => Promise<Record<string, string>>;
  /** The call ends the caller's session: use a fresh one. */
  freshLogin?: boolean;
  /** Not a gate person rule, but allowed answers log the person with this reason (null: no row) — committees. */
  logs?: (actor: ActorName) => string | null;
  /** A multipart upload instead of a JSON body. */
  file?: () => { payload: Buffer; headers: Record<string, string> };
}

const READ = "401 404 200 200 200 404 404 404 404 404";
const TEAM_READ = "401 404 200 200 403 404 404 404 404 404";
const TEAM_WRITE = TEAM_READ;
const EVERYONE = "200 200 200 200 200 200 200 200 200 200";
const SIGNED_IN = "401 200 200 200 200 200 200 200 200 200";
const unique = () => Math.random().toString(36).slice(2, 10);

/** A pending invitation into the world's structure, with its link's token. */
async function freshInvitation(w: AccessWorld): Promise<Record<string, string>> {
  const token = randomToken(32);
  const [row] = await w.t.database.db
    .insert(invitations)
    .values({ structure_id: w.cd, email: `invitee-${unique()}@test.spie.example.org`, role: "professional", token_hash: sha256(token), expires_at: new Date(Date.now() + 86_400_000) })
    .returning();
  return { invitation: row!.id, token };
}

/** A fresh cohort of the world's territory, with the world's person as a member when asked. */
async function freshCohort(w: AccessWorld, withPerson = false): Promise<Record<string, string>> {
  const db = w.t.database.db;
  const [row] = await db.insert(cohorts).values({ territory_id: w.aisne, name: `Cohorte fictive ${unique()}`, criteria: {}, starts_on: "2026-01-01" }).returning({ id: cohorts.id });
  if (withPerson) await db.insert(cohort_members).values({ cohort_id: row!.id, person_id: w.person, joined_on: "2026-01-05", added_how: "hand" });
  return { cohort: row!.id };
}

/** A file of the world's territory written straight to the table (no access-log row to move on a merge). */
async function freshPerson(w: AccessWorld): Promise<string> {
  const names = { first_names: "Fusion", last_name: `Matrice-${unique()}` };
  const row = await insertPerson(w.t.database.db, { ...names, ...nameKeys(names), birth_date: "1960-06-06", territory_id: w.aisne });
  return row.id;
}

const MATRIX: Record<string, Row> = {
  // ——— Authentication and the caller's own account ———
  "POST /api/v1/auth/login": { expect: "401 401 401 401 401 401 401 401 401 401", body: () => ({ email: `inconnu-${unique()}@test.spie.example.org`, password: "mauvais-mot-de-passe" }) },
  "POST /api/v1/auth/logout": { expect: "204 204 204 204 204 204 204 204 204 204", freshLogin: true },
  "GET /api/v1/me": { expect: SIGNED_IN },
  "GET /api/v1/auth/providers": { expect: EVERYONE },
  // ProConnect is not configured in this app: 404 for all (configured, see proconnect.int.test.ts).
  "GET /api/v1/auth/proconnect/login": { expect: "404 404 404 404 404 404 404 404 404 404" },
  "GET /api/v1/auth/proconnect/callback": { expect: "404 404 404 404 404 404 404 404 404 404", url: () => "/api/v1/auth/proconnect/callback?state=etat-fictif&code=code-fictif" },
  "POST /api/v1/me/password": { expect: "401 400 400 400 400 400 400 400 400 400", body: () => ({ current_password: "pas-le-bon-mot-de-passe", new_password: "un-nouveau-mot-de-passe-fictif" }) },
  "POST /api/v1/auth/password-reset": { expect: "202 202 202 202 202 202 202 202 202 202", body: () => ({ email: `inconnu-${unique()}@test.spie.example.org` }) },
  "POST /api/v1/auth/password-reset/{token}": { expect: "410 410 410 410 410 410 410 410 410 410", url: () => `/api/v1/auth/password-reset/${"x".repeat(43)}`, body: () => ({ password: "une phrase de passe fictive" }) },
  "GET /api/v1/me/sessions": { expect: SIGNED_IN },
  "POST /api/v1/me/session/refresh": { expect: SIGNED_IN },
  "DELETE /api/v1/me/sessions/{id}": { expect: "401 404 404 404 404 404 404 404 404 404", url: () => "/api/v1/me/sessions/00000000-0000-4000-8000-000000000000" },
  "GET /api/v1/me/tokens": { expect: SIGNED_IN },
  "DELETE /api/v1/me/tokens/{id}": { expect: "401 404 404 404 404 404 404 404 404 404", url: () => "/api/v1/me/tokens/00000000-0000-4000-8000-000000000000" },
  "PATCH /api/v1/users/{id}": {
    expect: "401 403 403 403 403 403 403 403 200 403",
    setup: async (w) => ({ user: (await f.user(w.t.database.db)).id }),
    url: (_w, fresh) => `/api/v1/users/${fresh.user}`,
    body: () => ({ deactivated: true }),
  },
  "GET /api/v1/messages": { expect: "401 403 403 403 403 403 403 403 200 403" },
  "GET /api/v1/notifications": { expect: SIGNED_IN },
  "POST /api/v1/notifications/{id}/read": { expect: "401 404 404 204 404 404 404 404 404 404", url: (w) => `/api/v1/notifications/${w.notification}/read` },

  // ——— Geography, territories ———
  "GET /api/v1/communes": { expect: EVERYONE, url: () => "/api/v1/communes?q=laon" },
  "GET /api/v1/geography/areas": { expect: EVERYONE, url: () => "/api/v1/geography/areas?q=aisne&kind=departement" },
  "GET /api/v1/territories": { expect: SIGNED_IN },
  "POST /api/v1/territories": { expect: "401 403 403 403 403 403 403 403 201 403", body: () => ({ name: `Territoire ${unique()}`, perimeter: [{ kind: "commune", code: "02408" }] }) },
  "GET /api/v1/territories/{id}": { expect: "401 200 200 200 200 404 200 200 200 200", url: (w) => `/api/v1/territories/${w.aisne}` },
  // Queues list people: coordinators of the territory only (never platform admins); counts: steering too.
  "GET /api/v1/territories/{id}/queues": { expect: "401 403 403 403 200 403 403 403 403 403", url: (w) => `/api/v1/territories/${w.aisne}/queues` },
  "GET /api/v1/territories/{id}/queues/{kind}": { expect: "401 403 403 403 200 403 403 403 403 403", url: (w) => `/api/v1/territories/${w.aisne}/queues/awaiting_orientation` },
  "GET /api/v1/territories/{id}/counts": { expect: "401 403 403 403 200 403 403 200 403 403", url: (w) => `/api/v1/territories/${w.aisne}/counts` },
  "GET /api/v1/territories/{id}/people": { expect: "401 403 403 403 200 403 403 403 403 403", url: (w) => `/api/v1/territories/${w.aisne}/people?q=matrice` },
  "PATCH /api/v1/territories/{id}": { expect: "401 403 403 403 403 403 403 403 200 403", url: (w) => `/api/v1/territories/${w.aisne}`, body: () => ({}) },
  "GET /api/v1/territories/{id}/settings": { expect: "401 200 200 200 200 404 200 200 200 200", url: (w) => `/api/v1/territories/${w.aisne}/settings` },
  "PUT /api/v1/territories/{id}/settings": { expect: "401 403 403 403 200 404 403 403 200 403", url: (w) => `/api/v1/territories/${w.aisne}/settings`, body: () => ({}) },

  // ——— Structures and their members ———
  "GET /api/v1/structure-types": { expect: EVERYONE },
  "GET /api/v1/structures": { expect: SIGNED_IN },
  "POST /api/v1/structures": { expect: "401 403 403 403 201 403 403 403 201 403", body: (w) => ({ name: `Structure créée ${unique()}`, territory_id: w.aisne }) },
  "GET /api/v1/structures/{id}": { expect: SIGNED_IN, url: (w) => `/api/v1/structures/${w.cd}` },
  "PATCH /api/v1/structures/{id}": { expect: "401 403 403 403 200 403 200 403 200 403", url: (w) => `/api/v1/structures/${w.cd}`, body: () => ({ phone: "0323000000" }) },
  "POST /api/v1/structures/{id}/deactivate": {
    expect: "401 403 403 403 200 403 403 403 200 403",
    setup: async (w) => ({ structure: (await f.structure(w.t.database.db, { territory_id: w.aisne })).id }),
    url: (_w, fresh) => `/api/v1/structures/${fresh.structure}/deactivate`,
  },
  "POST /api/v1/structures/{id}/reactivate": {
    expect: "401 403 403 403 200 403 403 403 200 403",
    setup: async (w) => ({ structure: (await f.structure(w.t.database.db, { territory_id: w.aisne })).id }),
    url: (_w, fresh) => `/api/v1/structures/${fresh.structure}/reactivate`,
  },
  "POST /api/v1/structures/{id}/claim": {
    expect: "401 403 403 403 200 403 403 403 200 403",
    setup: async (w) => {
      const db = w.t.database.db;
      const record = await f.structure(db, { territory_id: w.aisne });
      await db.update(structures).set({ source: "matrice", source_id: record.id }).where(eq(structures.id, record.id));
      return { structure: (await f.structure(db, { territory_id: w.aisne })).id, record: record.id };
    },
    url: (_w, fresh) => `/api/v1/structures/${fresh.structure}/claim`,
    body: (_w, fresh) => ({ directory_structure_id: fresh.record }),
  },
  "GET /api/v1/structures/{id}/members": { expect: "401 403 403 403 403 403 200 403 200 403", url: (w) => `/api/v1/structures/${w.cd}/members` },
  "GET /api/v1/structures/{id}/invitations": { expect: "401 403 403 403 403 403 200 403 200 403", url: (w) => `/api/v1/structures/${w.cd}/invitations` },
  "POST /api/v1/structures/{id}/invitations": {
    expect: "401 403 403 403 403 403 201 403 201 403",
    url: (w) => `/api/v1/structures/${w.cd}/invitations`,
    body: () => ({ email: `nouveau-${unique()}@test.spie.example.org`, name: "Nouvelle Fictive", role: "professional" }),
  },
  "POST /api/v1/structures/{id}/invitations/{invitation_id}/resend": {
    expect: "401 403 403 403 403 403 200 403 200 403",
    setup: async (w) => freshInvitation(w),
    url: (w, fresh) => `/api/v1/structures/${w.cd}/invitations/${fresh.invitation}/resend`,
  },
  "DELETE /api/v1/structures/{id}/invitations/{invitation_id}": {
    expect: "401 403 403 403 403 403 204 403 204 403",
    setup: async (w) => freshInvitation(w),
    url: (w, fresh) => `/api/v1/structures/${w.cd}/invitations/${fresh.invitation}`,
  },
  // The link is the credential: anyone holding it reads the invitation; a new account is created
  // only by someone not signed in (signed in as another account: 409).
  "GET /api/v1/invitations/{token}": { expect: EVERYONE, setup: async (w) => freshInvitation(w), url: (_w, fresh) => `/api/v1/invitations/${fresh.token}` },
  "POST /api/v1/invitations/{token}/accept": {
    expect: "200 409 409 409 409 409 409 409 409 409",
    setup: async (w) => freshInvitation(w),
    url: (_w, fresh) => `/api/v1/invitations/${fresh.token}/accept`,
    body: () => ({ password: "une phrase de passe fictive", name: "Invitée Fictive" }),
  },
  "PATCH /api/v1/structures/{id}/members/{membership_id}": {
    expect: "401 403 403 403 403 403 200 403 200 403",
    setup: async (w) => ({ membership: await w.freshMembership() }),
    url: (w, fresh) => `/api/v1/structures/${w.cd}/members/${fresh.membership}`,
    body: () => ({ role: "structure_admin" }),
  },
  "DELETE /api/v1/structures/{id}/members/{membership_id}": {
    expect: "401 403 403 403 403 403 204 403 204 403",
    setup: async (w) => ({ membership: await w.freshMembership() }),
    url: (w, fresh) => `/api/v1/structures/${w.cd}/members/${fresh.membership}`,
  },

  // ——— Directory (no personal data) ———
  "GET /api/v1/services": { expect: EVERYONE },
  "GET /api/v1/services/{id}": { expect: EVERYONE, url: (w) => `/api/v1/services/${w.service}` },
  "PATCH /api/v1/services/{id}": { expect: "401 403 403 403 403 403 200 403 200 403", url: (w) => `/api/v1/services/${w.service}`, body: () => ({ telephone: "0323000001" }) },
  "POST /api/v1/services/{id}/suggestions": {
    expect: "401 201 201 201 201 201 201 201 201 201",
    url: (w) => `/api/v1/services/${w.service}/suggestions`,
    body: () => ({ message: "Les horaires ont changé (fictif)." }),
  },
  "PATCH /api/v1/service-suggestions/{id}": {
    expect: "401 404 404 404 404 404 204 404 204 404",
    setup: async (w) => ({ suggestion: await w.freshSuggestion() }),
    url: (_w, fresh) => `/api/v1/service-suggestions/${fresh.suggestion}`,
    body: () => ({ status: "done" }),
  },
  "GET /api/v1/structures/{id}/services": { expect: "401 403 403 403 403 403 200 403 200 403", url: (w) => `/api/v1/structures/${w.cd}/services` },
  "POST /api/v1/structures/{id}/services": {
    expect: "401 403 403 403 403 403 201 403 201 403",
    url: (w) => `/api/v1/structures/${w.cd}/services`,
    body: () => ({ nom: `Service créé ${unique()}`, description: "Un service fictif créé par le test." }),
  },
  "GET /api/v1/structures/{id}/service-suggestions": { expect: "401 403 403 403 403 403 200 403 200 403", url: (w) => `/api/v1/structures/${w.cd}/service-suggestions` },
  "GET /api/v1/directory/structures/{id}": { expect: EVERYONE, url: (w) => `/api/v1/directory/structures/${w.cd}` },
  "POST /api/v1/imports/data-inclusion": { expect: "401 403 403 403 415 415 403 403 415 403", body: () => ({}) },
  "GET /api/v1/imports/{id}": { expect: "401 403 403 403 404 404 403 403 404 403", url: () => "/api/v1/imports/00000000-0000-4000-8000-000000000000" },
  "GET /api/v1/exports/data-inclusion/structures.json": { expect: EVERYONE },
  "GET /api/v1/exports/data-inclusion/services.json": { expect: EVERYONE },
  "GET /api/v1/exports/data-inclusion/structures.csv": { expect: EVERYONE },
  "GET /api/v1/exports/data-inclusion/services.csv": { expect: EVERYONE },
  "GET /api/v1/exports/hsds/services.json": { expect: EVERYONE },

  // ——— People: lists and creation ———
  "GET /api/v1/people": { expect: SIGNED_IN },
  "POST /api/v1/people": {
    expect: "401 201 201 201 201 201 403 403 403 201",
    // Files alike by construction (same birth date, names differing by a number): the matrix is not
    // about duplicates, the creator says they are different people.
    body: (w) => ({ first_names: "Créée", last_name: `Par-La-Matrice-${unique()}`, birth_date: "1991-05-06", territory_id: w.aisne, confirm_not_duplicate: true }),
  },
  "GET /api/v1/join-requests": { expect: SIGNED_IN },

  // ——— The person's file ———
  "GET /api/v1/people/{id}": { expect: READ, person: true },
  "PATCH /api/v1/people/{id}": { expect: "401 404 200 200 403 404 404 404 404 404", person: true, body: () => ({ phone: `06${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` }) },
  "GET /api/v1/people/{id}/team": { expect: READ, person: true },
  // Merging a fresh file of the territory into the person's: coordinators of the territory only.
  "GET /api/v1/people/{id}/merge-preview": {
    expect: "401 404 403 403 200 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ other: await freshPerson(w) }),
    url: (w, fresh) => `/api/v1/people/${w.person}/merge-preview?merged_id=${fresh.other}`,
  },
  "POST /api/v1/people/{id}/merge": {
    expect: "401 404 403 403 200 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ other: await freshPerson(w) }),
    body: (_w, fresh) => ({ merged_id: fresh.other, confirm: true }),
  },
  "POST /api/v1/people/{id}/team/referent": { expect: "401 404 403 200 200 404 404 404 404 404", person: true, body: (w) => ({ member_id: w.referentSeat }) },
  "GET /api/v1/people/{id}/timeline": { expect: READ, person: true },
  "GET /api/v1/people/{id}/access-log": { expect: TEAM_READ, person: true },
  "POST /api/v1/people/{id}/join-requests": { expect: "401 201 403 403 403 201 404 404 404 201", person: true, body: () => ({}) },
  "POST /api/v1/join-requests/{id}/decision": {
    expect: "401 404 403 200 200 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ request: await w.pendingJoinRequest() }),
    url: (_w, fresh) => `/api/v1/join-requests/${fresh.request}/decision`,
    body: () => ({ decision: "reject", reason: "Refus fictif" }),
  },
  "GET /api/v1/people/{id}/pathway": { expect: READ, person: true },

  // ——— Diagnostic ———
  "GET /api/v1/people/{id}/diagnostic": { expect: READ, person: true },
  "PUT /api/v1/people/{id}/diagnostic": {
    expect: "401 404 200 200 403 404 404 404 404 404",
    person: true,
    body: async (w) => ({ base_version: await w.diagnosticVersion(), thematics: { logement: { weight: "fort", situation: `Situation fictive ${unique()}` } } }),
  },
  "GET /api/v1/people/{id}/diagnostic/versions": { expect: READ, person: true },
  "GET /api/v1/people/{id}/diagnostic/versions/{version}": { expect: READ, person: true, url: (w) => `/api/v1/people/${w.person}/diagnostic/versions/1` },
  "GET /api/v1/people/{id}/diagnostic/diff": { expect: READ, person: true, url: (w) => `/api/v1/people/${w.person}/diagnostic/diff?from=0&to=1` },
  "GET /api/v1/people/{id}/diagnostic/portrait.pdf": { expect: READ, person: true },

  // ——— Orientation ———
  "GET /api/v1/people/{id}/orientation/recommendation": { expect: READ, person: true },
  "GET /api/v1/people/{id}/orientation/options": { expect: READ, person: true },
  "GET /api/v1/people/{id}/orientations": { expect: READ, person: true },
  "POST /api/v1/people/{id}/orientations": {
    expect: "401 404 403 403 201 404 404 404 404 404",
    person: true,
    body: (w) => ({ track: "sociale", structure_id: w.cd, reason: "Décision fictive de la matrice" }),
  },
  "GET /api/v1/people/{id}/reorientation-requests": { expect: READ, person: true },
  "POST /api/v1/people/{id}/reorientation-requests": {
    expect: "401 404 403 201 403 404 404 404 404 404",
    person: true,
    setup: async (w) => (await w.clearPendingReorientations(), {}),
    body: () => ({ reason: "Demande fictive de la matrice" }),
  },
  "POST /api/v1/reorientation-requests/{id}/decision": {
    expect: "401 404 403 403 200 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ request: await w.pendingReorientationRequest() }),
    url: (_w, fresh) => `/api/v1/reorientation-requests/${fresh.request}/decision`,
    body: () => ({ decision: "refuse", reason: "Refus fictif" }),
  },

  // ——— Contracts ———
  "GET /api/v1/people/{id}/contracts": { expect: READ, person: true },
  "POST /api/v1/people/{id}/contracts": {
    expect: "401 404 201 201 403 404 404 404 404 404",
    person: true,
    body: () => ({ objectives: "Objectif fictif", starts_on: "2026-02-02", ends_on: "2026-08-01" }),
  },
  "GET /api/v1/contracts/{id}": { expect: READ, person: true, url: (w) => `/api/v1/contracts/${w.contract}` },
  "PATCH /api/v1/contracts/{id}": {
    expect: "401 404 200 200 403 404 404 404 404 404",
    person: true,
    url: (w) => `/api/v1/contracts/${w.contract}`,
    body: async (w) => ({ base_version: await w.contractVersion(), objectives: `Objectif fictif ${unique()}` }),
  },
  "GET /api/v1/contracts/{id}/pdf": { expect: READ, person: true, url: (w) => `/api/v1/contracts/${w.contract}/pdf` },
  "POST /api/v1/contracts/{id}/sign": {
    expect: TEAM_WRITE,
    person: true,
    setup: async (w) => ({ contract: await w.freshContract("draft") }),
    url: (_w, fresh) => `/api/v1/contracts/${fresh.contract}/sign`,
    body: () => ({ base_version: 1, signed_on: new Date().toISOString().slice(0, 10), signature_method: "manuscrite" }),
  },
  "POST /api/v1/contracts/{id}/amend": {
    expect: TEAM_WRITE,
    person: true,
    setup: async (w) => ({ contract: await w.freshContract("signed") }),
    url: (_w, fresh) => `/api/v1/contracts/${fresh.contract}/amend`,
    body: () => ({ base_version: 1, reason: "Avenant fictif", objectives: `Objectif modifié ${unique()}` }),
  },
  "POST /api/v1/contracts/{id}/end": {
    expect: TEAM_WRITE,
    person: true,
    setup: async (w) => ({ contract: await w.freshContract("signed") }),
    url: (_w, fresh) => `/api/v1/contracts/${fresh.contract}/end`,
    body: () => ({ base_version: 1, ended_on: new Date().toISOString().slice(0, 10), reason: "Fin fictive" }),
  },
  "POST /api/v1/contracts/{id}/renew": {
    expect: "401 404 201 201 403 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ contract: await w.freshContract("signed") }),
    url: (_w, fresh) => `/api/v1/contracts/${fresh.contract}/renew`,
    body: () => ({}),
  },

  // ——— Action plan ———
  "GET /api/v1/people/{id}/objectives": { expect: READ, person: true },
  "POST /api/v1/people/{id}/objectives": { expect: "401 404 201 201 403 404 404 404 404 404", person: true, body: () => ({ thematic: "mobilite", title: "Objectif fictif" }) },
  "PATCH /api/v1/objectives/{id}": { expect: "401 404 200 200 403 404 404 404 404 404", person: true, url: (w) => `/api/v1/objectives/${w.objective}`, body: () => ({ title: `Objectif ${unique()}` }) },
  "POST /api/v1/objectives/{id}/actions": { expect: "401 404 201 201 403 404 404 404 404 404", person: true, url: (w) => `/api/v1/objectives/${w.objective}/actions`, body: () => ({ title: "Action fictive" }) },
  "PATCH /api/v1/actions/{id}": { expect: "401 404 200 200 403 404 404 404 404 404", person: true, url: (w) => `/api/v1/actions/${w.action}`, body: () => ({ title: `Action ${unique()}` }) },
  "GET /api/v1/people/{id}/actions": { expect: READ, person: true },

  // ——— Notes ———
  "GET /api/v1/people/{id}/notes": { expect: READ, person: true },
  "POST /api/v1/people/{id}/notes": { expect: "401 404 201 201 201 404 404 404 404 404", person: true, body: () => ({ body: "Note fictive de la matrice.", visibility: "team" }) },
  // Each cell's caller corrects or deletes a note they wrote just now (when they may write notes).
  "PATCH /api/v1/notes/{id}": {
    expect: "401 404 200 200 200 404 404 404 404 404",
    person: true,
    setup: async (w, actor) => ({ note: await w.freshNote(actor) }),
    url: (_w, fresh) => `/api/v1/notes/${fresh.note}`,
    body: () => ({ body: `Note corrigée ${unique()}` }),
  },
  // ——— Referrals: the team sends and reads; the receiving structure reads what was sent and answers ———
  "POST /api/v1/referrals": {
    expect: "401 404 201 201 403 404 404 404 404 404",
    person: true,
    body: (w) => ({ person_id: w.person, service_id: w.receivingService, reason: "Orientation fictive de la matrice.", consent: true }),
  },
  "GET /api/v1/referrals": { expect: SIGNED_IN, url: () => "/api/v1/referrals?direction=received" },
  "GET /api/v1/referrals/stats": { expect: SIGNED_IN },
  "GET /api/v1/referrals/{id}": { expect: "401 404 200 200 200 404 404 404 404 200", person: true, url: (w) => `/api/v1/referrals/${w.referral}` },
  "POST /api/v1/referrals/{id}/transitions": {
    expect: "401 404 403 403 403 404 404 404 404 200",
    person: true,
    setup: async (w) => ({ referral: await w.freshReferral("platform") }),
    url: (_w, fresh) => `/api/v1/referrals/${fresh.referral}/transitions`,
    body: () => ({ to: "in_review" }),
  },
  "POST /api/v1/referrals/{id}/link": {
    expect: "401 404 200 200 403 404 404 404 404 404",
    person: true,
    setup: async (w) => ({ referral: await w.freshReferral("link") }),
    url: (_w, fresh) => `/api/v1/referrals/${fresh.referral}/link`,
  },
  "GET /api/v1/services/{id}/referral-channel": { expect: SIGNED_IN, url: (w) => `/api/v1/services/${w.receivingService}/referral-channel` },
  // The signed link is the capability (policy/referrals.ts): whoever holds it, signed in or not.
  "GET /api/v1/referral-links/{token}": { expect: EVERYONE, setup: async (w) => ({ token: await w.freshReferralLink() }), url: (_w, fresh) => `/api/v1/referral-links/${fresh.token}` },
  "POST /api/v1/referral-links/{token}/transitions": {
    expect: EVERYONE,
    setup: async (w) => ({ token: await w.freshReferralLink() }),
    url: (_w, fresh) => `/api/v1/referral-links/${fresh.token}/transitions`,
    body: () => ({ to: "in_review" }),
  },
  "DELETE /api/v1/notes/{id}": {
    expect: "401 404 204 204 204 404 404 404 404 404",
    person: true,
    setup: async (w, actor) => ({ note: await w.freshNote(actor) }),
    url: (_w, fresh) => `/api/v1/notes/${fresh.note}`,
  },

  // ——— Cohorts (issue 11): coordinators of the territory run them; steering and platform admins
  // see cohorts and counts, never a person; everyone else: 404 ———
  "GET /api/v1/cohorts": { expect: SIGNED_IN },
  "POST /api/v1/cohorts": { expect: "401 403 403 403 201 403 403 403 201 403", body: (w) => ({ territory_id: w.aisne, name: `Cohorte ${unique()}`, criteria: { single_parent: true }, starts_on: "2026-01-01" }) },
  "GET /api/v1/cohorts/{id}": { expect: "401 404 404 404 200 404 404 200 200 404", setup: (w) => freshCohort(w), url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}` },
  "PATCH /api/v1/cohorts/{id}": { expect: "401 404 404 404 200 404 404 403 200 404", setup: (w) => freshCohort(w), url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}`, body: () => ({ name: `Cohorte renommée ${unique()}` }) },
  "POST /api/v1/cohorts/{id}/preview": { expect: "401 404 404 404 200 404 404 403 403 404", setup: (w) => freshCohort(w), url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}/preview`, body: () => ({}) },
  "GET /api/v1/cohorts/{id}/members": { expect: "401 404 404 404 200 404 404 403 403 404", setup: (w) => freshCohort(w, true), url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}/members` },
  "POST /api/v1/cohorts/{id}/members": {
    expect: "401 404 404 404 201 404 404 403 403 404",
    setup: (w) => freshCohort(w),
    url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}/members`,
    body: (w) => ({ person_ids: [w.person] }),
  },
  "DELETE /api/v1/cohorts/{id}/members": {
    expect: "401 404 404 404 200 404 404 403 403 404",
    setup: (w) => freshCohort(w, true),
    url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}/members`,
    body: (w) => ({ person_ids: [w.person], exit_reason: "fin_de_periode" }),
  },
  "GET /api/v1/cohorts/{id}/outcomes": { expect: "401 404 404 404 200 404 404 200 200 404", setup: (w) => freshCohort(w, true), url: (_w, fresh) => `/api/v1/cohorts/${fresh.cohort}/outcomes` },
  "GET /api/v1/people/{id}/cohorts": { expect: READ, person: true },
  // From the file: whoever reads it (team, coordinator) adds the person to a cohort of their territory.
  "POST /api/v1/people/{id}/cohorts": { expect: "401 404 201 201 201 404 404 404 404 404", person: true, setup: (w) => freshCohort(w), body: (_w, fresh) => ({ cohort_id: fresh.cohort }) },
  // ——— Unmet needs ("besoins sans solution") ———
  // Naming a person: the team only (the gate's body person rule, the read logged); coordinators 403.
  "POST /api/v1/unmet-needs": {
    expect: "401 404 201 201 403 404 404 404 404 404",
    person: true,
    body: (w) => ({ thematic: "mobilite", commune_code: "02408", description: "Un garage solidaire (besoin fictif)", person_id: w.person }),
  },
  "GET /api/v1/unmet-needs": { expect: SIGNED_IN },
  // Counts and CSV: coordinators and steering users of the territory, no person.
  "GET /api/v1/unmet-needs/summary": { expect: "401 403 403 403 200 403 403 200 403 403", url: (w) => `/api/v1/unmet-needs/summary?territory_id=${w.aisne}` },
  "GET /api/v1/unmet-needs/export.csv": { expect: "401 403 403 403 200 403 403 200 403 403", url: (w) => `/api/v1/unmet-needs/export.csv?territory_id=${w.aisne}` },
  // A fresh need of the référent (no person) for each cell: its author and the territory's coordinators
  // close it; steering sees it but may not (403); anyone else does not know it (404).
  "PATCH /api/v1/unmet-needs/{id}": {
    expect: "401 404 404 200 200 404 404 403 404 404",
    setup: async (w) => {
      const res = await w.clients.referent.post("/api/v1/unmet-needs", { thematic: "logement", commune_code: "02408", description: "Un hébergement (besoin fictif)" });
      if (res.statusCode !== 201) throw new Error(`unmet need: ${res.statusCode} ${res.body}`);
      return { need: res.json().id as string };
    },
    url: (_w, fresh) => `/api/v1/unmet-needs/${fresh.need}`,
    body: () => ({ status: "abandoned", reason: "Abandon fictif" }),
  },
  // ——— Committees (policy/committees.ts): `member` sits on the Aisne's CTO and signed the charter;
  // the world's person is on the first session's agenda. Situations are shown (and logged with the
  // reason `committee`) to signed members and the territory's coordinators only; platform admins run
  // committees but never see situations; those who may not know the committee get 404.
  "POST /api/v1/committees": {
    expect: "401 403 403 403 201 403 403 403 201 403",
    body: (w) => ({ name: `Comité ${unique()}`, kind: "autre", territory_id: w.aisne, location: null, recurrence: { first_date: "2026-01-08", time: "10:00", interval_weeks: 4 }, submission_deadline: { days_before: 7, time: "12:00" }, max_situations: 10 }),
  },
  "GET /api/v1/committees": { expect: SIGNED_IN },
  "GET /api/v1/committees/{id}": { expect: "401 200 200 200 200 404 404 404 200 200", url: (w) => `/api/v1/committees/${w.committee}` },
  "PATCH /api/v1/committees/{id}": { expect: "401 403 403 403 200 404 404 404 200 403", url: (w) => `/api/v1/committees/${w.committee}`, body: () => ({ location: `Salle ${unique()}` }) },
  // Appointing members: whoever may change the committee (its territory's coordinators, platform admins).
  "GET /api/v1/committees/{id}/member-options": { expect: "401 403 403 403 200 404 404 404 200 403", url: (w) => `/api/v1/committees/${w.committee}/member-options` },
  "GET /api/v1/committees/{id}/sessions": { expect: "401 200 200 200 200 404 404 404 200 200", url: (w) => `/api/v1/committees/${w.committee}/sessions` },
  "POST /api/v1/committees/{id}/sessions": {
    expect: "401 403 403 403 201 404 404 404 201 403",
    url: (w) => `/api/v1/committees/${w.committee}/sessions`,
    body: () => ({ date: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10), reason: "Séance ajoutée (fictive)" }),
  },
  "GET /api/v1/committees/{id}/calendar.ics": { expect: "401 200 200 200 200 404 404 404 200 200", url: (w) => `/api/v1/committees/${w.committee}/calendar.ics` },
  // Submitted by a member of the person's team only (logged `team`); the coordinator, not in the team: 404.
  "POST /api/v1/committees/{id}/submissions": {
    expect: "401 404 201 201 404 404 404 404 403 404",
    url: (w) => `/api/v1/committees/${w.committee}/submissions`,
    body: (w) => ({ person_id: w.person, blocking_points: "Point fictif", actions_tried: "Action fictive", question: "Question fictive", consent: true }),
    logs: () => "team",
  },
  // Documents of a submission: the person's team (member, référent) joins, removes and reads them
  // (logged `team`); the territory's coordinator reads them (logged `committee`) but may not change
  // them (403); who does not see situations: 404.
  "POST /api/v1/committee-submissions/{id}/documents": {
    expect: "401 404 201 201 403 404 404 404 404 404",
    url: (w) => `/api/v1/committee-submissions/${w.submission}/documents`,
    file: () => multipartFile("attestation-fictive.pdf", tinyPdf(), "application/pdf"),
    logs: () => "team",
  },
  "GET /api/v1/committee-submissions/{id}/documents": {
    expect: "401 404 200 200 200 404 404 404 404 404",
    url: (w) => `/api/v1/committee-submissions/${w.submission}/documents`,
    logs: (actor) => (actor === "coordinator" ? "committee" : "team"),
  },
  "GET /api/v1/committee-submission-documents/{id}": {
    expect: "401 404 200 200 200 404 404 404 404 404",
    setup: async (w) => ({ document: await w.freshDocument() }),
    url: (_w, fresh) => `/api/v1/committee-submission-documents/${fresh.document}`,
    logs: (actor) => (actor === "coordinator" ? "committee" : "team"),
  },
  "DELETE /api/v1/committee-submission-documents/{id}": {
    expect: "401 404 204 204 403 404 404 404 404 404",
    setup: async (w) => ({ document: await w.freshDocument() }),
    url: (_w, fresh) => `/api/v1/committee-submission-documents/${fresh.document}`,
    logs: () => "team",
  },
  // The private calendar URL: whoever reads the committee gets and revokes theirs; the secret is the
  // capability of the public feed (no person in it).
  "POST /api/v1/committees/{id}/calendar-subscription": { expect: "401 201 201 201 201 404 404 404 201 201", url: (w) => `/api/v1/committees/${w.committee}/calendar-subscription` },
  "DELETE /api/v1/committees/{id}/calendar-subscription": { expect: "401 204 204 204 204 404 404 404 204 204", url: (w) => `/api/v1/committees/${w.committee}/calendar-subscription` },
  "GET /api/v1/committee-calendars/{token}.ics": { expect: EVERYONE, setup: async (w) => ({ token: await w.freshCalendarToken() }), url: (_w, fresh) => `/api/v1/committee-calendars/${fresh.token}.ics` },
  "PATCH /api/v1/committee-sessions/{id}": {
    expect: "401 403 403 403 200 404 404 404 200 403",
    url: (w) => `/api/v1/committee-sessions/${w.session2}`,
    body: () => ({ action: "move", date: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10), reason: "Salle indisponible (fictif)" }),
  },
  // Signed members and coordinators see every situation (logged `committee`); the référent, who does
  // not, sees the one she submitted (logged `team`), to join documents.
  "GET /api/v1/committee-sessions/{id}/agenda": {
    expect: "401 200 200 200 200 404 404 404 200 200",
    url: (w) => `/api/v1/committee-sessions/${w.session}/agenda`,
    logs: (actor) => (actor === "member" || actor === "coordinator" ? "committee" : actor === "referent" ? "team" : null),
  },
  "POST /api/v1/committee-sessions/{id}/attendance": {
    expect: "401 403 403 403 200 404 404 404 200 403",
    url: (w) => `/api/v1/committee-sessions/${w.session}/attendance`,
    body: (w) => ({ items: [{ member_id: w.committeeSeat, status: "present" }] }),
  },
  "POST /api/v1/committee-sessions/{id}/decisions": {
    expect: "401 404 201 404 201 404 404 404 404 404",
    setup: async (w) => ({ submission: await w.freshSubmission() }),
    url: (w) => `/api/v1/committee-sessions/${w.session}/decisions`,
    body: (_w, fresh) => ({ submission_id: fresh.submission, outcome: "unmet_need", summary: "Besoin non couvert (fictif)", intent: { need: "Garde d'enfant en horaires décalés" } }),
    logs: () => "committee",
  },
  "GET /api/v1/committee-sessions/{id}/minutes": { expect: "401 404 200 404 200 404 404 404 404 404", url: (w) => `/api/v1/committee-sessions/${w.session}/minutes`, logs: () => "committee" },
  "GET /api/v1/committee-sessions/{id}/minutes.pdf": { expect: "401 404 200 404 200 404 404 404 404 404", url: (w) => `/api/v1/committee-sessions/${w.session}/minutes.pdf`, logs: () => "committee" },
  "GET /api/v1/charters": { expect: "401 200 200 200 200 404 200 200 200 200", url: (w) => `/api/v1/charters?territory_id=${w.aisne}` },
  // A new version: the member signs it again before the next committee line.
  "POST /api/v1/charters": { expect: "401 403 403 403 201 403 403 403 201 403", body: (w) => ({ territory_id: w.aisne, text: `Charte fictive ${unique()}` }) },
  "POST /api/v1/charters/{id}/signatures": {
    expect: "401 403 201 403 201 404 404 404 403 403",
    setup: async (w) => ({ charter: await w.freshCharter() }),
    url: (_w, fresh) => `/api/v1/charters/${fresh.charter}/signatures`,
  },
};

/** Routes that log each person they list or check (one row per person), not one per request. */
const LOGS_PER_PERSON = new Set([
  "GET /api/v1/people",
  "POST /api/v1/people",
  "GET /api/v1/join-requests",
  "GET /api/v1/territories/{id}/queues",
  "GET /api/v1/territories/{id}/queues/{kind}",
  "GET /api/v1/territories/{id}/people",
  "POST /api/v1/cohorts/{id}/preview",
  "GET /api/v1/cohorts/{id}/members",
  "POST /api/v1/cohorts/{id}/members",
  "DELETE /api/v1/cohorts/{id}/members",
  "GET /api/v1/unmet-needs",
  "GET /api/v1/referrals",
]);

function expectedReason(actor: ActorName, key: string): string {
  if (actor === "receiver" && key.includes("/referrals/")) return "referral";
  if (actor === "coordinator") return "coordinator";
  if (key === "POST /api/v1/people/{id}/join-requests") return "requester";
  return "team";
}

let t: TestApp;
let w: AccessWorld;

beforeAll(async () => {
  t = await testApp();
  w = await accessWorld(t);
});
afterAll(async () => t?.close());

async function logRows(personId: string): Promise<{ n: number; reasons: string[] }> {
  // Ordered: without ORDER BY the rows come in whatever order the plan gives (the (person, at desc) index).
  const rows = await t.database.db.select({ reason: access_log.reason }).from(access_log).where(eq(access_log.person_id, personId)).orderBy(access_log.id);
  return { n: rows.length, reasons: rows.map((r) => r.reason) };
}

describe("the route × role × relation matrix", () => {
  it("lists every route of the OpenAPI document, and only those", () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !(r in MATRIX)), "routes missing from the matrix").toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r)), "stale lines of the matrix").toEqual([]);
  });

  // Every route × nine callers: allow time for the growing table on a loaded machine.
  it("gives each caller the declared answer, and logs exactly one row per allowed access to a file", { timeout: 300_000 }, async () => {
    const differences: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, path] = key.split(" ") as [string, string];
      const expected = row.expect.split(" ");
      expect(expected, key).toHaveLength(ACTORS.length);
      const got: string[] = [];
      for (const actor of ACTORS) {
        const fresh = row.setup ? await row.setup(w, actor) : {};
        const url = row.url ? row.url(w, fresh) : path.replace("{id}", w.person);
        const body = row.body ? await row.body(w, fresh) : undefined;
        const client: Client = row.freshLogin ? await w.relogin(actor) : w.clients[actor];
        const before = await logRows(w.person);
        const upload = row.file?.();
        const res = await client.request({ method: method as "GET", url, ...(upload ? upload : body === undefined ? {} : { payload: body as object }) });
        got.push(String(res.statusCode));
        if (res.statusCode >= 500) differences.push(`${key} as ${actor}: ${res.statusCode} ${res.body}`);
        if (LOGS_PER_PERSON.has(key)) continue;
        const after = await logRows(w.person);
        const allowed = res.statusCode < 400 || res.statusCode === 409;
        const added = after.n - before.n;
        const logReason = row.logs && allowed ? row.logs(actor) : null;
        if (logReason) {
          const reason = after.reasons.at(-1);
          if (added !== 1 || reason !== logReason) differences.push(`${key} as ${actor}: ${added} access-log row(s), reason ${reason}`);
        } else if (row.person && allowed) {
          const reason = after.reasons.at(-1);
          if (added !== 1 || reason !== expectedReason(actor, key)) differences.push(`${key} as ${actor}: ${added} access-log row(s), reason ${reason}`);
        } else if (added !== 0) {
          differences.push(`${key} as ${actor} (${res.statusCode}): ${added} access-log row(s) for a refused or unrelated call`);
        }
      }
      if (got.join(" ") !== row.expect) differences.push(`${key}\n    expected ${row.expect}\n    got      ${got.join(" ")}`);
    }
    expect(differences, differences.join("\n")).toEqual([]);
    // ~1 000 requests: the default 30 s is too short on a loaded machine (the whole suite on 2 cores).
  });

  it("never lets the admin's own coordinator membership open a file", async () => {
    const [{ n }] = (await t.database.db
      .select({ n: count() })
      .from(access_log)
      .where(and(eq(access_log.person_id, w.person), eq(access_log.user_id, w.users.admin.id)))) as [{ n: number }];
    expect(n).toBe(0);
    expect((await w.clients.admin.get(`/api/v1/people/${w.person}`)).statusCode).toBe(404);
  });
});
