// The world of the access matrix: one fictional person's file in the Aisne with every part a route
// can reach (contract, objective, action, note, diagnostic, orientation, réorientation and join
// requests), and one signed-in caller for each role and relation the gate knows.
import { desc, eq, sql } from "drizzle-orm";
import { charter_signatures, committee_charters, committee_submission_documents, committee_submissions } from "../features/committees/committees.tables.ts";
import { join_requests, team_members } from "../features/people/people.tables.ts";
import { reorientation_requests } from "../features/orientation/orientation.tables.ts";
import { notifications } from "../features/pathway/notifications.tables.ts";
import { memberships } from "../features/structures/structures.tables.ts";
import { referrals } from "../features/referrals/referrals.tables.ts";
import { signReferralLink } from "../policy/referrals.ts";
import { anonymous, loginAs, type Client, type TestApp } from "./app.ts";
import { tinyPdf } from "./documents.ts";
import * as f from "./factories.ts";

/** The callers of the matrix, in the order of its columns. */
export const ACTORS = [
  "anonymous",
  "outsider",
  "member",
  "referent",
  "coordinator",
  "coordinator_elsewhere",
  "structure_admin",
  "steering",
  "admin",
  "receiver",
] as const;
export type ActorName = (typeof ACTORS)[number];

export interface AccessWorld {
  t: TestApp;
  clients: Record<ActorName, Client>;
  users: Record<Exclude<ActorName, "anonymous">, { id: string; email: string; membership_id: string | null }>;
  aisne: string;
  elsewhere: string;
  cd: string;
  person: string;
  contract: string;
  objective: string;
  action: string;
  orientation: string;
  service: string;
  notification: string;
  referentSeat: string;
  /** A referral of the person to the receiving structure (whose member is the `receiver`). */
  referral: string;
  /** A service of the receiving structure; one of a directory-only structure (no member, a contact e-mail). */
  receivingService: string;
  directoryService: string;
  joiner: { id: string; membership_id: string };
  /** A fresh login of a caller (for routes that end the session). */
  relogin(actor: ActorName): Promise<Client>;
  /** Fresh parts of the file for routes that change their state. */
  pendingJoinRequest(): Promise<string>;
  pendingReorientationRequest(): Promise<string>;
  clearPendingReorientations(): Promise<void>;
  freshMembership(): Promise<string>;
  freshSuggestion(): Promise<string>;
  diagnosticVersion(): Promise<number>;
  contractVersion(): Promise<number>;
  /** A fresh contract of the person, written by the référent: a draft (version 1) or signed at its writing (version 1). */
  freshContract(state: "draft" | "signed"): Promise<string>;
  /** A fresh team note written by this caller when they may write notes (else by the référent). */
  freshNote(author: ActorName): Promise<string>;
  /** A CTO of the Aisne: `member` sits on it and signed the charter; the référent submitted the person. */
  committee: string;
  /** Its first session (the person on its agenda) and its second one. */
  session: string;
  session2: string;
  /** The member's seat on the committee. */
  committeeSeat: string;
  /** The référent's submission of the person (on `session`, still planned). */
  submission: string;
  /** A document joined to that submission, written straight to the table. */
  freshDocument(): Promise<string>;
  /** The secret of a fresh private calendar URL of the coordinator. */
  freshCalendarToken(): Promise<string>;
  /** The person submitted again, straight onto the first session (a decision to take). */
  freshSubmission(): Promise<string>;
  /** A new version of the territory's charter (for a signature). */
  freshCharter(): Promise<string>;
  /** `member` signs the current charter (again, after a new version). */
  memberSignsCharter(): Promise<void>;
  /** A fresh referral sent by the référent: to the receiving structure, or to the directory-only one. */
  freshReferral(to: "platform" | "link"): Promise<string>;
  /** The signed link of a fresh referral to the directory-only structure. */
  freshReferralLink(): Promise<string>;
}

let n = 0;

function ok<T>(res: { statusCode: number; body: string; json(): unknown }, what: string): T {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

export async function accessWorld(t: TestApp): Promise<AccessWorld> {
  const db = t.database.db;
  const tag = ++n;
  const aisne = await f.territory(db, `Aisne matrice ${tag}`, [{ kind: "departement", code: "02" }]);
  const elsewhere = await f.territory(db, `Mayotte matrice ${tag}`, [{ kind: "departement", code: "976" }]);
  const cd = await f.structure(db, { name: `Conseil départemental fictif ${tag}`, territory_id: aisne.id });
  const ml = await f.structure(db, { name: `Mission locale fictive ${tag}`, territory_id: aisne.id });
  const asso = await f.structure(db, { name: `Association fictive ${tag}`, territory_id: aisne.id });
  const far = await f.structure(db, { name: `Structure mahoraise fictive ${tag}`, territory_id: elsewhere.id });
  // The receiving structure of the world's referral, and a directory-only structure (no member, an e-mail).
  const receiving = await f.structure(db, { name: `Structure receveuse fictive ${tag}`, territory_id: aisne.id, commune_code: "02408" });
  const directoryOnly = await f.structure(db, { name: `Structure de l'annuaire fictive ${tag}`, commune_code: "02408" });

  const referent = await f.user(db, [{ structure_id: cd.id, role: "professional" }], { name: "Réf Érente" });
  const member = await f.user(db, [{ structure_id: ml.id, role: "professional" }], { name: "Mem Bre" });
  const outsider = await f.user(db, [{ structure_id: asso.id, role: "professional" }], { name: "Hors Équipe" });
  const joiner = await f.user(db, [{ structure_id: asso.id, role: "professional" }], { name: "Deman Deuse" });
  const coordinator = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }], { name: "Coor Dination" });
  const coordinatorElsewhere = await f.user(db, [{ structure_id: far.id, role: "coordinator" }], { name: "Coor Ailleurs" });
  const structureAdmin = await f.user(db, [{ structure_id: cd.id, role: "structure_admin" }], { name: "Admin Structure" });
  const steering = await f.user(db, [{ structure_id: cd.id, role: "steering" }], { name: "Pilo Tage" });
  // A platform admin who also holds a coordinator membership of the territory: the gate still says no.
  const admin = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }], { name: "Admin Plateforme", is_admin: true });
  const receiver = await f.user(db, [{ structure_id: receiving.id, role: "professional" }], { name: "Rece Veuse" });

  const login = (u: { email: string }) => loginAs(t.app, u.email);
  const byActor = { outsider, member, referent, coordinator, coordinator_elsewhere: coordinatorElsewhere, structure_admin: structureAdmin, steering, admin, receiver };
  const clients = { anonymous: anonymous(t.app) } as Record<ActorName, Client>;
  for (const [name, u] of Object.entries(byActor)) clients[name as ActorName] = await login(u);
  const users = Object.fromEntries(Object.entries(byActor).map(([name, u]) => [name, { id: u.id, email: u.email, membership_id: u.memberships[0]?.id ?? null }])) as AccessWorld["users"];

  const ref = clients.referent;
  const person = ok<{ id: string }>(
    await ref.post("/api/v1/people", { first_names: "Personne", last_name: `Matrice-${tag}`, birth_date: "1988-03-04", address: { commune_code: "02408" }, territory_id: aisne.id }),
    "person",
  ).id;
  const ask = ok<{ id: string }>(await clients.member.post(`/api/v1/people/${person}/join-requests`, {}), "join");
  ok(await ref.post(`/api/v1/join-requests/${ask.id}/decision`, { decision: "approve" }), "approve");
  ok(await ref.put(`/api/v1/people/${person}/diagnostic`, { base_version: 0, thematics: { logement: { weight: "fort", situation: "Hébergement fictif" } } }), "diagnostic");
  const contract = ok<{ id: string }>(await ref.post(`/api/v1/people/${person}/contracts`, { objectives: "Objectif fictif", starts_on: "2026-01-05", ends_on: "2026-07-04" }), "contract").id;
  const objective = ok<{ id: string }>(await ref.post(`/api/v1/people/${person}/objectives`, { thematic: "logement", title: "Trouver un logement fictif" }), "objective").id;
  const action = ok<{ id: string }>(await ref.post(`/api/v1/objectives/${objective}/actions`, { title: "Rendez-vous fictif" }), "action").id;
  ok(await ref.post(`/api/v1/people/${person}/notes`, { body: "Une note fictive de l'équipe.", visibility: "team" }), "note");
  const orientation = ok<{ id: string }>(
    await clients.coordinator.post(`/api/v1/people/${person}/orientations`, { track: "sociale", structure_id: cd.id, referent_membership_id: referent.memberships[0]!.id, reason: "Décision fictive" }),
    "orientation",
  ).id;
  const service = (await f.service(db, cd.id)).id;
  const [notification] = await db.insert(notifications).values({ user_id: referent.id, person_id: person, type: "test", message: "Notification fictive" }).returning({ id: notifications.id });
  const receivingService = (await f.service(db, receiving.id, { nom: `Service receveur fictif ${tag}` })).id;
  const directoryService = (await f.service(db, directoryOnly.id, { nom: `Service de l'annuaire fictif ${tag}`, courriel: `accueil-${tag}@annuaire.test.spie.example.org` })).id;
  const freshReferral = async (to: "platform" | "link") =>
    ok<{ id: string }>(
      await ref.post("/api/v1/referrals", { person_id: person, service_id: to === "platform" ? receivingService : directoryService, reason: "Orientation fictive de la matrice.", consent: true }),
      "referral",
    ).id;
  const referral = await freshReferral("platform");
  const [seat] = await db.select({ id: team_members.id }).from(team_members).where(sql`${team_members.person_id} = ${person} and ${team_members.is_referent} and ${team_members.left_at} is null`);

  const nextThursday = () => {
    const d = new Date(Date.now() + 7 * 86_400_000);
    while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const committee = ok<{ id: string; members: { id: string }[] }>(
    await clients.coordinator.post("/api/v1/committees", {
      name: `CTO matrice ${tag}`,
      kind: "cto",
      territory_id: aisne.id,
      location: "Salle fictive",
      recurrence: { first_date: nextThursday(), time: "08:30", interval_weeks: 2 },
      submission_deadline: { weekday: "monday", time: "14:00" },
      max_situations: 10,
      members: [{ structure_id: ml.id, user_id: member.id }],
    }),
    "committee",
  );
  const memberSignsCharter = async () => {
    const [current] = await db.select().from(committee_charters).where(eq(committee_charters.territory_id, aisne.id)).orderBy(desc(committee_charters.version)).limit(1);
    await db.insert(charter_signatures).values({ charter_id: current!.id, user_id: member.id }).onConflictDoNothing();
  };
  ok(await clients.coordinator.post("/api/v1/charters", { territory_id: aisne.id, text: "Charte fictive de la matrice." }), "charter");
  await memberSignsCharter();
  const submission = ok<{ id: string; session: { id: string } }>(
    await ref.post(`/api/v1/committees/${committee.id}/submissions`, { person_id: person, blocking_points: "Point fictif", actions_tried: "Action fictive", question: "Question fictive", consent: true }),
    "submission",
  );
  const sessions = ok<{ items: { id: string }[] }>(await clients.coordinator.get(`/api/v1/committees/${committee.id}/sessions`), "sessions").items;
  const freshCharter = async () => {
    const [current] = await db.select().from(committee_charters).where(eq(committee_charters.territory_id, aisne.id)).orderBy(desc(committee_charters.version)).limit(1);
    const [row] = await db.insert(committee_charters).values({ territory_id: aisne.id, version: current!.version + 1, text: "Charte fictive, nouvelle version." }).returning({ id: committee_charters.id });
    return row!.id;
  };

  const clearPendingReorientations = async () => {
    await db.update(reorientation_requests).set({ status: "refused", decision_reason: "nettoyage du test" }).where(sql`${reorientation_requests.person_id} = ${person} and ${reorientation_requests.status} = 'pending'`);
  };
  return {
    t,
    clients,
    users,
    aisne: aisne.id,
    elsewhere: elsewhere.id,
    cd: cd.id,
    person,
    contract,
    objective,
    action,
    orientation,
    service,
    notification: notification!.id,
    referentSeat: seat!.id,
    referral,
    receivingService,
    directoryService,
    freshReferral,
    async freshReferralLink() {
      const id = await freshReferral("link");
      const [row] = await db.select({ version: referrals.link_version, expires: referrals.link_expires_at }).from(referrals).where(eq(referrals.id, id));
      return signReferralLink(t.app.deps.crypto, { referral_id: id, version: row!.version, expires_at: row!.expires! });
    },
    joiner: { id: joiner.id, membership_id: joiner.memberships[0]!.id },
    relogin: async (actor) => (actor === "anonymous" ? anonymous(t.app) : login(byActor[actor])),
    async pendingJoinRequest() {
      await db.update(join_requests).set({ status: "rejected" }).where(sql`${join_requests.requester_user_id} = ${joiner.id} and ${join_requests.status} = 'pending'`);
      const [row] = await db.insert(join_requests).values({ person_id: person, requester_user_id: joiner.id, membership_id: joiner.memberships[0]!.id }).returning({ id: join_requests.id });
      return row!.id;
    },
    async pendingReorientationRequest() {
      await clearPendingReorientations();
      const [row] = await db
        .insert(reorientation_requests)
        .values({ person_id: person, orientation_id: orientation, reason: "Demande fictive", requested_by_user_id: referent.id, requested_by_membership_id: referent.memberships[0]!.id })
        .returning({ id: reorientation_requests.id });
      return row!.id;
    },
    clearPendingReorientations,
    committee: committee.id,
    session: submission.session.id,
    session2: sessions.find((x) => x.id !== submission.session.id)!.id,
    committeeSeat: committee.members[0]!.id,
    submission: submission.id,
    async freshDocument() {
      const content = tinyPdf();
      const [row] = await db
        .insert(committee_submission_documents)
        .values({ submission_id: submission.id, file_name: "attestation-fictive.pdf", media_type: "application/pdf", size_bytes: content.length, content, uploaded_by_user_id: referent.id })
        .returning({ id: committee_submission_documents.id });
      return row!.id;
    },
    async freshCalendarToken() {
      const { url } = ok<{ url: string }>(await clients.coordinator.post(`/api/v1/committees/${committee.id}/calendar-subscription`), "calendar subscription");
      return url.split("/").at(-1)!.replace(/\.ics$/, "");
    },
    async freshSubmission() {
      await memberSignsCharter();
      const [row] = await db
        .insert(committee_submissions)
        .values({
          committee_id: committee.id,
          session_id: submission.session.id,
          person_id: person,
          submitted_by_user_id: referent.id,
          submitted_by_membership_id: referent.memberships[0]!.id,
          blocking_points: "Point fictif",
          actions_tried: "Action fictive",
          question: "Question fictive",
          consent: true,
        })
        .returning({ id: committee_submissions.id });
      return row!.id;
    },
    freshCharter,
    memberSignsCharter,
    async freshMembership() {
      const u = await f.user(db, [{ structure_id: cd.id, role: "professional" }]);
      return u.memberships[0]!.id;
    },
    async freshSuggestion() {
      const res = await clients.member.post(`/api/v1/services/${service}/suggestions`, { message: "Une correction fictive à apporter." });
      return ok<{ id: string }>(res, "suggestion").id;
    },
    async diagnosticVersion() {
      return ok<{ version: number }>(await ref.get(`/api/v1/people/${person}/diagnostic`), "diagnostic version").version;
    },
    async contractVersion() {
      return ok<{ version: number }>(await ref.get(`/api/v1/contracts/${contract}`), "contract version").version;
    },
    async freshContract(state) {
      const today = new Date().toISOString().slice(0, 10);
      const starts = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const ends = new Date(Date.now() + 170 * 86_400_000).toISOString().slice(0, 10);
      const signature = state === "signed" ? { signed_on: today, signature_method: "manuscrite" } : {};
      return ok<{ id: string }>(await ref.post(`/api/v1/people/${person}/contracts`, { objectives: "Objectif fictif", starts_on: starts, ends_on: ends, ...signature }), "fresh contract").id;
    },
    async freshNote(author) {
      const writer = author === "member" || author === "referent" || author === "coordinator" ? clients[author] : ref;
      return ok<{ id: string }>(await writer.post(`/api/v1/people/${person}/notes`, { body: "Une note fictive à corriger.", visibility: "team" }), "fresh note").id;
    },
  };
}

export async function membershipRole(t: TestApp, membershipId: string): Promise<string | undefined> {
  const [row] = await t.database.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.id, membershipId));
  return row?.role;
}
