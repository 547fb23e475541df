// Referrals end to end through the API: sending (consent, sent_at, the 72 working hours at the
// receiving structure), who sees what (the receiving structure sees what was sent, never the file),
// the state machine (409), redirects, lists, statistics, the signed link of a directory-only service,
// and the jobs (reminder, escalation, expiry) on a controlled clock, with mails read from a real SMTP server.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { access_log } from "../access-log/access-log.tables.ts";
import { messages } from "../messaging/messaging.tables.ts";
import { person_events } from "../people/people.tables.ts";
import { loginAs, testApp, tokenClient, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { linkToken, runDueJobs, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { loadConfig } from "../../config.ts";
import { createCrypto } from "../../crypto.ts";
import { referral_transitions, referrals } from "./referrals.tables.ts";
import { sweepReferrals } from "./referrals.service.ts";

let t: TestApp;
let smtp: TestSmtp;
let referent: Client;
let receiver: Client;
let outsider: Client;
let coordinatorEmail: string;
let adminEmail: string;
let receiverEmail: string;
let referentEmail: string;
let person: string;
let service: string;
let otherService: string;
let mayotteService: string;
let directoryService: string;
let unreachableService: string;
let receivingStructure: string;
const PUBLIC = "https://spie.test.example.org";

const db = () => t.database.db;
async function n(table: typeof referrals | typeof referral_transitions | typeof messages): Promise<number> {
  const [row] = await db().select({ n: count() }).from(table);
  return row!.n;
}
function body(extra: Record<string, unknown> = {}) {
  return { person_id: person, service_id: service, reason: "Accompagnement vers un logement (fictif).", consent: true, contact_preference: "phone", ...extra };
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url, SPIE_MAIL_FROM: "spie test <spie@test.spie.example.org>", SPIE_PUBLIC_URL: PUBLIC });
  const aisne = await f.territory(db(), "Aisne orientations", [{ kind: "departement", code: "02" }]);
  const mayotte = await f.territory(db(), "Mayotte orientations", [{ kind: "departement", code: "976" }]);
  const cd = await f.structure(db(), { name: "CD fictif orientations", territory_id: aisne.id, commune_code: "02408" });
  const asso = await f.structure(db(), { name: "Association receveuse fictive", territory_id: aisne.id, commune_code: "02408" });
  const mahoraise = await f.structure(db(), { name: "Structure mahoraise fictive", territory_id: mayotte.id, commune_code: "97611" });
  const annuaire = await f.structure(db(), { name: "Structure de l'annuaire fictive", commune_code: "02408" });
  const muette = await f.structure(db(), { name: "Structure injoignable fictive", commune_code: "02408" });
  const other = await f.structure(db(), { name: "Autre association fictive", territory_id: aisne.id, commune_code: "02408" });
  receivingStructure = asso.id;
  const ref = await f.user(db(), [{ structure_id: cd.id, role: "professional" }], { name: "Réf Érente" });
  const rec = await f.user(db(), [{ structure_id: asso.id, role: "professional" }], { name: "Rece Veuse" });
  const adm = await f.user(db(), [{ structure_id: asso.id, role: "structure_admin" }], { name: "Admin Asso" });
  const coord = await f.user(db(), [{ structure_id: cd.id, role: "coordinator" }], { name: "Coor Dination" });
  const out = await f.user(db(), [{ structure_id: other.id, role: "professional" }], { name: "Hors Jeu" });
  await f.user(db(), [{ structure_id: other.id, role: "professional" }]);
  await f.user(db(), [{ structure_id: mahoraise.id, role: "professional" }]);
  referentEmail = ref.email;
  receiverEmail = rec.email;
  adminEmail = adm.email;
  coordinatorEmail = coord.email;
  referent = await loginAs(t.app, ref.email);
  receiver = await loginAs(t.app, rec.email);
  outsider = await loginAs(t.app, out.email);
  service = (await f.service(db(), asso.id, { nom: "Atelier logement fictif", conditions_acces: "Être domicilié·e dans l'Aisne\nAvoir un projet de logement", publics: ["familles-enfants"] })).id;
  otherService = (await f.service(db(), other.id, { nom: "Autre service fictif" })).id;
  mayotteService = (await f.service(db(), mahoraise.id, { nom: "Service mahorais fictif" })).id;
  directoryService = (await f.service(db(), annuaire.id, { nom: "Service de l'annuaire fictif", courriel: "accueil@annuaire.test.spie.example.org" })).id;
  unreachableService = (await f.service(db(), muette.id, { nom: "Service sans contact fictif", telephone: "03 23 00 00 00", adresse: "1 rue Fictive", code_postal: "02000", commune: "Laon" })).id;
  const res = await referent.post("/api/v1/people", { first_names: "Test", last_name: "EXEMPLE", birth_date: "1990-01-02", phone: "06 00 00 00 01", email: "test.exemple@test.spie.example.org", territory_id: aisne.id });
  expect(res.statusCode, res.body).toBe(201);
  person = res.json().id;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("sending a referral", () => {
  it("counts 72 working hours at the receiving structure: across Ascension in the Aisne, answered with its offset", async () => {
    // Wednesday 13 May 2026, 10:00 in Paris; Thursday 14 is Ascension, then a weekend.
    const res = await referent.post("/api/v1/referrals", body({ sent_at: "2026-05-13T08:00:00Z" }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: "sent", sent_at: "2026-05-13T10:00:00+02:00", due_at: "2026-05-19T10:00:00+02:00", time_zone: "Europe/Paris" });
    expect(r.person).toEqual({ id: person, first_names: "Test", last_name: "EXEMPLE", phone: "06 00 00 00 01", email: null });
    expect(r.consent.recorded_by).toBe("Réf Érente");
    expect(r.permissions.transitions).toEqual(["cancelled"]);
  });

  it("uses the receiving structure's calendar: Mayotte's 27 April and its offset, not the sender's", async () => {
    // Friday 24 April 2026, 09:00 in Mamoudzou; Monday 27 April is a public holiday in Mayotte only.
    const res = await referent.post("/api/v1/referrals", body({ service_id: mayotteService, sent_at: "2026-04-24T09:00:00+03:00" }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sent_at: "2026-04-24T09:00:00+03:00", due_at: "2026-04-30T09:00:00+03:00", time_zone: "Indian/Mayotte" });
  });

  it("lets a partner system (bearer token) record a referral made elsewhere with its real sent_at; the due time counts from it", async () => {
    const partner = await tokenClient(t.app, t.database, referentEmail);
    // Friday 2 October 2026, 16:30 in Paris: due Wednesday 7 October 16:30.
    const res = await partner.post("/api/v1/referrals", body({ sent_at: "2026-10-02T14:30:00Z" }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sent_at: "2026-10-02T16:30:00+02:00", due_at: "2026-10-07T16:30:00+02:00" });
    const [row] = await db().select({ consent_at: referrals.consent_recorded_at, by: referrals.consent_recorded_by_user_id }).from(referrals).where(eq(referrals.id, res.json().id));
    expect(row!.by).not.toBeNull();
    expect(Math.abs(row!.consent_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("refuses without consent, a reason over 600 characters, a future sent_at — and writes nothing", async () => {
    const before = [await n(referrals), await n(messages)];
    const noConsent = await referent.post("/api/v1/referrals", body({ consent: false }));
    expect(noConsent.statusCode).toBe(400);
    expect(JSON.stringify(noConsent.json().errors)).toContain("consent");
    const long = await referent.post("/api/v1/referrals", body({ reason: "x".repeat(601) }));
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().errors)).toContain("reason");
    const future = await referent.post("/api/v1/referrals", body({ sent_at: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe("sent_at");
    expect([await n(referrals), await n(messages)]).toEqual(before);
  });

  it("answers 404 to someone outside the person's team, and 409 with its phone and address for a service that can receive nothing", async () => {
    const before = await n(referrals);
    expect((await outsider.post("/api/v1/referrals", body())).statusCode).toBe(404);
    expect((await receiver.post("/api/v1/referrals", body())).statusCode).toBe(404);
    const res = await referent.post("/api/v1/referrals", body({ service_id: unreachableService }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ reason: "service_unreachable", phone: "03 23 00 00 00", address: "1 rue Fictive, 02000 Laon" });
    expect(res.json().detail).toContain("03 23 00 00 00");
    expect(await n(referrals)).toBe(before);
    const channel = await referent.get(`/api/v1/services/${unreachableService}/referral-channel`);
    expect(channel.json()).toMatchObject({ channel: "none", phone: "03 23 00 00 00" });
    const prerequisites = (await referent.get(`/api/v1/services/${service}/referral-channel`)).json();
    expect(prerequisites).toMatchObject({ channel: "platform", prerequisites: ["Être domicilié·e dans l'Aisne", "Avoir un projet de logement", "Public : familles-enfants"] });
  });
});

describe("the receiving structure", () => {
  it("sees only what was sent, never the file; opening it is logged with the reason referral; others get 404", async () => {
    const id = (await referent.post("/api/v1/referrals", body({ contact_preference: "referent" }))).json().id;
    const res = await receiver.get(`/api/v1/referrals/${id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.person).toEqual({ id: null, first_names: "Test", last_name: "EXEMPLE", phone: null, email: null });
    expect(r.permissions).toEqual({ transitions: ["in_review", "accepted", "refused", "redirected"], renew_link: false, open_file: false });
    const [log] = await db().select().from(access_log).where(and(eq(access_log.person_id, person), eq(access_log.reason, "referral"), eq(access_log.action, "read")));
    expect(log).toMatchObject({ resource: "referral" });
    expect((await receiver.get(`/api/v1/people/${person}`)).statusCode).toBe(404);
    expect((await receiver.get(`/api/v1/people/${person}/timeline`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/referrals/${id}`)).statusCode).toBe(404);
  });

  it("moves it through its life; a move the state does not allow is a 409; each step is in the person's timeline and mailed to the sender", async () => {
    const id = (await referent.post("/api/v1/referrals", body())).json().id;
    const move = (c: Client, b: Record<string, unknown>) => c.post(`/api/v1/referrals/${id}/transitions`, b);
    expect((await move(receiver, { to: "in_review" })).json().status).toBe("in_review");
    expect((await move(receiver, { to: "in_review" })).statusCode).toBe(409);
    expect((await move(referent, { to: "accepted", planned_start: "2026-06-01" })).statusCode).toBe(403);
    const missing = await move(receiver, { to: "accepted" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe("planned_start");
    const accepted = await move(receiver, { to: "accepted", planned_start: "2026-06-01", message: "Rendez-vous fixé (fictif)." });
    expect(accepted.json()).toMatchObject({ status: "accepted", planned_start: "2026-06-01" });
    expect(accepted.json().answered_at).not.toBeNull();
    expect((await move(referent, { to: "cancelled", message: "Trop tard" })).statusCode).toBe(409);
    expect((await move(receiver, { to: "completed", outcome: "success" })).statusCode).toBe(409);
    expect((await move(receiver, { to: "started" })).json().status).toBe("started");
    const done = await move(receiver, { to: "completed", outcome: "success" });
    expect(done.json()).toMatchObject({ status: "completed", outcome: "success" });
    expect(done.json().transitions.map((x: { to: string }) => x.to)).toEqual(["sent", "in_review", "accepted", "started", "completed"]);
    const timeline = (await referent.get(`/api/v1/people/${person}/timeline`)).json().items as { type: string; summary: string }[];
    const mine = timeline.filter((e) => e.type.startsWith("referral_")).map((e) => e.summary);
    expect(mine).toContain("Orientation vers « Atelier logement fictif » acceptée (début prévu le 01/06/2026)");
    expect(mine).toContain("Orientation vers « Atelier logement fictif » terminée : réussite");
    await runDueJobs(db(), t.app.deps.config);
    const answers = smtp.to(referentEmail).map((m) => m.subject);
    expect(answers).toContain("Orientation vers « Atelier logement fictif » : acceptée");
    expect(smtp.to(receiverEmail).some((m) => m.subject === "Nouvelle orientation vers « Atelier logement fictif »")).toBe(true);
    // The mails never name the person.
    expect(smtp.mails.some((m) => m.text.includes("EXEMPLE"))).toBe(false);
  });

  it("refuses with coded reasons only; the sender cancels an open one with a reason", async () => {
    const id = (await referent.post("/api/v1/referrals", body())).json().id;
    const before = await n(referral_transitions);
    const bad = await receiver.post(`/api/v1/referrals/${id}/transitions`, { to: "refused", reason_codes: ["pas-envie"] });
    expect(bad.statusCode).toBe(400);
    const other = await receiver.post(`/api/v1/referrals/${id}/transitions`, { to: "refused", reason_codes: ["autre"] });
    expect(other.statusCode).toBe(400);
    expect(await n(referral_transitions)).toBe(before);
    const refused = await receiver.post(`/api/v1/referrals/${id}/transitions`, { to: "refused", reason_codes: ["session-complete", "personne-non-mobile"], message: "Prochaine session en septembre.", share_reason_with_person: true });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().transitions.at(-1)).toMatchObject({ reason_codes: ["session-complete", "personne-non-mobile"], share_reason_with_person: true });
    const id2 = (await referent.post("/api/v1/referrals", body())).json().id;
    expect((await referent.post(`/api/v1/referrals/${id2}/transitions`, { to: "cancelled" })).statusCode).toBe(400);
    expect((await referent.post(`/api/v1/referrals/${id2}/transitions`, { to: "cancelled", message: "La personne a trouvé une autre solution." })).json().status).toBe("cancelled");
  });

  it("redirects to another service: a new referral linked to this one, which the team sees", async () => {
    const id = (await referent.post("/api/v1/referrals", body())).json().id;
    const res = await receiver.post(`/api/v1/referrals/${id}/transitions`, { to: "redirected", redirect_service_id: otherService, message: "Plus adapté (fictif)." });
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json().redirected_to_id as string;
    const r2 = (await referent.get(`/api/v1/referrals/${next}`)).json();
    expect(r2).toMatchObject({ status: "sent", redirected_from_id: id, service: { name: "Autre service fictif" } });
    expect((await receiver.get(`/api/v1/referrals/${next}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/referrals/${next}`)).statusCode).toBe(200);
  });

  it("lists received ones to answer first and overdue first, with counts; sent ones for the team; stats per structure", async () => {
    const list = (await receiver.get("/api/v1/referrals?direction=received")).json();
    expect(list.total).toBeGreaterThan(3);
    expect(list.items[0].status).toBe("sent");
    expect(list.items[0].overdue).toBe(true); // the one sent in May 2026… is overdue (or will be); the open ones come first
    expect(list.counts.to_answer).toBeGreaterThan(0);
    expect(list.services).toEqual([{ id: service, name: "Atelier logement fictif" }]);
    expect((await receiver.get(`/api/v1/referrals?direction=received&service_id=${service}`)).json().total).toBe(list.total);
    expect((await receiver.get(`/api/v1/referrals?direction=received&service_id=${otherService}`)).json().total).toBe(0);
    const overdue = (await receiver.get("/api/v1/referrals?direction=received&overdue=true")).json();
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const sent = (await referent.get("/api/v1/referrals?direction=sent&status=completed")).json();
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0].person_id).toBe(person);
    expect((await outsider.get("/api/v1/referrals?direction=received&status=completed")).json().total).toBe(0);
    expect((await receiver.get("/api/v1/referrals?direction=sent")).json().total).toBe(0);
    expect((await receiver.get("/api/v1/referrals?overdue=maybe")).statusCode).toBe(400);
    const stats = (await receiver.get(`/api/v1/referrals/stats?structure_id=${receivingStructure}`)).json();
    expect(stats.items).toHaveLength(1);
    expect(stats.items[0].answered_in_time + stats.items[0].answered_late + stats.items[0].unanswered_overdue).toBeLessThanOrEqual(stats.items[0].due);
  });
});

describe("a directory-only service: the signed link", () => {
  it("mails a signed link; its page shows what was sent; a GET changes nothing; a POST answers; a tampered, renewed or expired link does not work", async () => {
    const created = await referent.post("/api/v1/referrals", body({ service_id: directoryService }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().receiving_structure.on_platform).toBe(false);
    await runDueJobs(db(), t.app.deps.config);
    const mail = smtp.to("accueil@annuaire.test.spie.example.org").at(-1)!;
    expect(mail.subject).toBe("Orientation vers votre service « Service de l'annuaire fictif »");
    const token = linkToken(mail.text, "orientation-externe");
    const anonymous = { get: (u: string) => t.app.inject({ method: "GET", url: u }), post: (u: string, p: object) => t.app.inject({ method: "POST", url: u, payload: p }) };
    const page = await anonymous.get(`/api/v1/referral-links/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ id, status: "sent", person: { id: null, last_name: "EXEMPLE" }, permissions: { transitions: ["in_review", "accepted", "refused", "redirected"] } });
    expect(page.json().sender.email).toBeNull();
    expect((await anonymous.get(`/api/v1/referral-links/${token}`)).json().status).toBe("sent");
    const [sig0] = token.split(".").slice(-1);
    expect((await anonymous.get(`/api/v1/referral-links/${token.slice(0, -2)}${sig0!.endsWith("AA") ? "BB" : "AA"}`)).statusCode).toBe(404);
    const answered = await anonymous.post(`/api/v1/referral-links/${token}/transitions`, { to: "in_review" });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().transitions.at(-1).actor).toEqual({ kind: "link", name: null, structure_name: null });
    // The sender renews the link: the old one is gone, the new one works.
    const renewed = await referent.post(`/api/v1/referrals/${id}/link`);
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await anonymous.get(`/api/v1/referral-links/${token}`)).statusCode).toBe(410);
    expect((await receiver.post(`/api/v1/referrals/${id}/link`)).statusCode).toBe(404);
    await runDueJobs(db(), t.app.deps.config);
    const fresh = linkToken(smtp.to("accueil@annuaire.test.spie.example.org").at(-1)!.text, "orientation-externe");
    expect((await anonymous.post(`/api/v1/referral-links/${fresh}/transitions`, { to: "accepted", planned_start: "2026-07-01" })).json().status).toBe("accepted");
    const events = await db().select().from(person_events).where(and(eq(person_events.person_id, person), eq(person_events.type, "referral_accepted")));
    expect(events.some((e) => e.data.by_link === true)).toBe(true);
    // Expired: a link signed for an instant already past.
    const { signReferralLink } = await import("../../policy/referrals.ts");
    const [row] = await db().select({ v: referrals.link_version }).from(referrals).where(eq(referrals.id, id));
    const old = signReferralLink(t.app.deps.crypto, { referral_id: id, version: row!.v, expires_at: new Date(Date.now() - 1000) });
    expect((await anonymous.get(`/api/v1/referral-links/${old}`)).statusCode).toBe(410);
  });
});

describe("the jobs on a controlled clock", () => {
  it("reminds before the due time, escalates after it to the structure's admins and the territory's coordinators, expires at 30 days", async () => {
    // Monday 1 June 2026, 09:00 in Paris: due Thursday 4 June 09:00; the reminder from Wednesday 3 June 09:00.
    const id = (await referent.post("/api/v1/referrals", body({ sent_at: "2026-06-01T07:00:00Z" }))).json().id as string;
    const deps = { db: db(), config: loadConfig({ NODE_ENV: "test", SMTP_URL: smtp.url, SPIE_PUBLIC_URL: PUBLIC }), crypto: createCrypto(t.app.deps.config.secret) };
    const only = async () => (await db().select().from(referrals).where(eq(referrals.id, id)))[0]!;
    await db().update(referrals).set({ reminded_at: new Date(0), escalated_at: new Date(0) }).where(and(eq(referrals.status, "sent")));
    await db().update(referrals).set({ reminded_at: null, escalated_at: null }).where(eq(referrals.id, id));
    await sweepReferrals(deps, new Date("2026-06-03T06:59:00Z"));
    expect((await only()).reminded_at).toBeNull();
    await sweepReferrals(deps, new Date("2026-06-03T07:00:00Z"));
    expect((await only()).reminded_at).not.toBeNull();
    expect((await only()).escalated_at).toBeNull();
    await sweepReferrals(deps, new Date("2026-06-04T07:00:00Z"));
    expect((await only()).escalated_at).not.toBeNull();
    await runDueJobs(db(), t.app.deps.config);
    expect(smtp.to(receiverEmail).some((m) => m.subject === "Rappel : une orientation vers « Atelier logement fictif » attend votre réponse")).toBe(true);
    for (const to of [receiverEmail, adminEmail, coordinatorEmail]) expect(smtp.to(to).some((m) => m.subject.startsWith("En retard : orientation vers « Atelier logement fictif »")), to).toBe(true);
    // Still sent 30 days later: expired, the sender told, in the timeline.
    const again = await sweepReferrals(deps, new Date("2026-07-01T06:59:00Z"));
    expect((await only()).status).toBe("sent");
    expect(again.escalated).toBe(0);
    await sweepReferrals(deps, new Date("2026-07-01T07:00:00Z"));
    expect((await only()).status).toBe("expired");
    const [transition] = await db().select().from(referral_transitions).where(and(eq(referral_transitions.referral_id, id), eq(referral_transitions.to_status, "expired")));
    expect(transition).toMatchObject({ actor_kind: "system", from_status: "sent" });
    await runDueJobs(db(), t.app.deps.config);
    expect(smtp.to(referentEmail).some((m) => m.subject === "Orientation vers « Atelier logement fictif » : expirée (sans réponse)")).toBe(true);
    expect((await receiver.post(`/api/v1/referrals/${id}/transitions`, { to: "accepted", planned_start: "2026-07-02" })).statusCode).toBe(409);
  });
});
