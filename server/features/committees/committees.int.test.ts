import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIso } from "../../../common/domain/dates.ts";
import { holidayOn } from "../../../common/domain/working-time.ts";
import { loadConfig } from "../../config.ts";
import { testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { loginAs } from "../../test/app.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { actions } from "../action-plan/action-plan.tables.ts";
import { jobs } from "../../jobs/jobs.tables.ts";
import { messages } from "../messaging/messaging.tables.ts";
import { notifications } from "../pathway/notifications.tables.ts";
import { advanceSessions, raiseFollowUps } from "./committees.service.ts";
import { committee_decisions, committee_sessions, committee_submissions, committees } from "./committees.tables.ts";
import { cto } from "../../test/committee-dates.ts";

let t: TestApp;
let w: PathwayWorld;
let signed: { client: Client; id: string; email: string };
let unsigned: { client: Client; id: string; email: string };
let admin: Client;
const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });


beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  const db = t.database.db;
  const s = await f.user(db, [{ structure_id: w.ml.id, role: "professional" }], { name: "Membre Signataire" });
  const u = await f.user(db, [{ structure_id: w.ml.id, role: "professional" }], { name: "Membre Sans-Charte" });
  signed = { client: await loginAs(t.app, s.email), id: s.id, email: s.email };
  unsigned = { client: await loginAs(t.app, u.email), id: u.id, email: u.email };
  const a = await f.user(db, [], { name: "Admin Plateforme", is_admin: true });
  admin = await loginAs(t.app, a.email);
});

afterAll(async () => {
  await t?.close();
});

describe("committees", () => {
  let committeeId: string;
  const members = () => [
    { structure_id: w.ml.id, user_id: signed.id },
    { structure_id: w.ml.id, user_id: unsigned.id, role: "substitute" },
  ];

  it("refuses bad input with the field named, and non-coordinators; writes nothing", async () => {
    const before = await w.rows(committees);
    const bad = await w.coord.post("/api/v1/committees", { ...cto(w.aisne.id), kind: "jury", recurrence: { first_date: "2026-01-08", time: "8h30", interval_weeks: 0 }, submission_deadline: { weekday: "lundi", time: "14:00" } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["kind", "recurrence.time", "recurrence.interval_weeks"]));
    expect((await w.alice.post("/api/v1/committees", cto(w.aisne.id))).statusCode).toBe(403);
    expect((await w.coordElsewhere.post("/api/v1/committees", cto(w.aisne.id))).statusCode).toBe(403);
    // A member who does not belong to the named structure.
    const stranger = await w.coord.post("/api/v1/committees", cto(w.aisne.id, [{ structure_id: w.cd.id, user_id: signed.id }]));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe("members.0.user_id");
    // Cohorts served: only cohorts of the committee's territory.
    const elsewhere = await w.coordElsewhere.post("/api/v1/cohorts", { territory_id: w.elsewhere.id, name: "Cohorte fictive d'ailleurs", criteria: {}, starts_on: "2026-01-01" });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const ours = await w.coord.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: "Cohorte fictive de l'Aisne", criteria: {}, starts_on: "2026-01-01" });
    expect(ours.statusCode, ours.body).toBe(201);
    const foreign = await w.coord.post("/api/v1/committees", cto(w.aisne.id, [], { cohort_ids: [ours.json().id, elsewhere.json().id] }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors.map((e: { field: string }) => e.field)).toEqual(["cohort_ids.1"]);
    expect(await w.rows(committees)).toBe(before);
  });

  it("a coordinator creates a fortnightly CTO; sessions carry the territory's offset and their instants", async () => {
    const res = await w.coord.post("/api/v1/committees", cto(w.aisne.id, members()));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    committeeId = c.id;
    expect(c).toMatchObject({ kind: "cto", max_situations: 10, time_zone: "Europe/Paris", freeze: { working_days_before: 3, time: "18:00" }, permissions: { update: true, run_sessions: true } });
    expect(c.members).toHaveLength(2);
    const sessions = (await w.coord.get(`/api/v1/committees/${committeeId}/sessions?from=${todayIso()}&to=${addDays(todayIso(), 120)}`)).json().items;
    expect(sessions.length).toBeGreaterThanOrEqual(7);
    for (const s of sessions) {
      expect(s.starts_at).toMatch(/^\d{4}-\d{2}-\d{2}T08:30:00\+0[12]:00$/);
      expect(s.submission_deadline).toMatch(/T14:00:00\+0[12]:00$/);
      expect(s.status).toBe("planned");
      expect(s.situations_count).toBe(0);
      if (s.moved_from) expect(holidayOn(s.moved_from, "metropole")).toBeDefined();
    }
    // Cadence: 14 days between sessions not moved by a holiday.
    const [a, b] = sessions as { starts_at: string; moved_from: string | null }[];
    expect((Date.parse(b!.starts_at) - Date.parse(a!.starts_at)) / 86_400_000).toBeCloseTo(b!.moved_from ? 21 : 14, 0);
    expect((await w.coord.get(`/api/v1/committees/${committeeId}/sessions?from=2027-01-10&to=2027-01-01`)).statusCode).toBe(400);
  });

  it("queues the freeze and dispatch jobs at each session's instants", async () => {
    const rows = await t.database.db.select().from(committee_sessions).where(eq(committee_sessions.committee_id, committeeId));
    const steps = await t.database.db.select().from(jobs).where(eq(jobs.name, "committee.step"));
    const first = rows.sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime())[0]!;
    const mine = steps.filter((j) => j.payload.session_id === first.id).map((j) => j.run_at.getTime());
    expect(mine.sort()).toEqual([first.agenda_frozen_at.getTime(), first.dispatched_at.getTime()].sort());
  });

  it("hides the committee from those who may not know it (404), shows it to the territory's professionals and admins", async () => {
    expect((await w.outsider.get(`/api/v1/committees/${committeeId}`)).statusCode).toBe(404);
    expect((await w.coordElsewhere.get(`/api/v1/committees/${committeeId}`)).statusCode).toBe(404);
    expect((await w.alice.get(`/api/v1/committees/${committeeId}`)).json().permissions).toMatchObject({ update: false, submit: true });
    expect((await admin.get(`/api/v1/committees/${committeeId}`)).json().permissions).toMatchObject({ update: true });
    expect((await w.outsider.get(`/api/v1/committees?territory_id=${w.aisne.id}`)).json().items).toHaveLength(0);
    expect((await w.alice.get(`/api/v1/committees?territory_id=${w.aisne.id}`)).json().items.map((c: { id: string }) => c.id)).toContain(committeeId);
  });

  it("serves an iCalendar feed that parses, with the territory's VTIMEZONE", async () => {
    const res = await signed.client.get(`/api/v1/committees/${committeeId}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const tz = cal.getFirstSubcomponent("vtimezone")!;
    expect(tz.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    ICAL.TimezoneService.register(tz);
    const first = new ICAL.Event(cal.getAllSubcomponents("vevent")[0]!);
    expect(first.startDate.hour).toBe(8);
    expect(first.startDate.minute).toBe(30);
  });

  let sessions: { id: string; starts_at: string }[];
  const people: string[] = [];

  it("référents submit; the cap carries the next one over and the submitter is told by message", async () => {
    // A small cap to see the carry-over.
    expect((await w.coord.patch(`/api/v1/committees/${committeeId}`, { max_situations: 2 })).statusCode).toBe(200);
    for (let i = 0; i < 3; i += 1) people.push(await w.person());
    const body = (person_id: string) => ({ person_id, blocking_points: "Hébergement fictif instable", actions_tried: "Demande SIAO fictive", question: "Quelle solution de logement ?", consent: true });
    // Consent required, unknown fields refused: nothing written.
    const before = await w.rows(committee_submissions);
    expect((await w.alice.post(`/api/v1/committees/${committeeId}/submissions`, { ...body(people[0]!), consent: false })).statusCode).toBe(400);
    // Not in the person's team: 404 (the file is not revealed).
    expect((await w.bruno.post(`/api/v1/committees/${committeeId}/submissions`, body(people[0]!))).statusCode).toBe(404);
    expect(await w.rows(committee_submissions)).toBe(before);

    const placed = [];
    for (const p of people) {
      const res = await w.alice.post(`/api/v1/committees/${committeeId}/submissions`, body(p));
      expect(res.statusCode).toBe(201);
      placed.push(res.json());
    }
    expect(placed[0].session.id).toBe(placed[1].session.id);
    expect(placed[2].session.id).not.toBe(placed[0].session.id);
    expect(placed.map((p) => p.carried_over)).toEqual([false, false, true]);
    expect(placed[1].session.situations_count).toBe(2);
    const notices = await t.database.db.select().from(messages).where(eq(messages.template, "committee_carried_over"));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.data)).not.toContain("Parcours-"); // no person's name in the message
    sessions = (await w.coord.get(`/api/v1/committees/${committeeId}/sessions`)).json().items;
    expect(sessions[0]!.id).toBe(placed[0].session.id);
  });

  it("members who signed the charter see the situations (logged `committee`); the others only the count", async () => {
    const session = sessions[0]!.id;
    // No charter yet: nobody signed, members see the count only.
    expect((await signed.client.get(`/api/v1/committee-sessions/${session}/agenda`)).json()).toMatchObject({ situations_count: 2, items: null, charter: null });
    expect((await w.alice.post("/api/v1/charters", { territory_id: w.aisne.id, text: "Charte fictive" })).statusCode).toBe(403);
    const charter = (await w.coord.post("/api/v1/charters", { territory_id: w.aisne.id, text: "Je m'engage à la confidentialité (charte fictive)." })).json();
    expect(charter.version).toBe(1);
    expect((await w.outsider.post(`/api/v1/charters/${charter.id}/signatures`)).statusCode).toBe(404);
    expect((await w.alice.post(`/api/v1/charters/${charter.id}/signatures`)).statusCode).toBe(403);
    expect((await signed.client.post(`/api/v1/charters/${charter.id}/signatures`)).statusCode).toBe(201);

    const seen = (await signed.client.get(`/api/v1/committee-sessions/${session}/agenda`)).json();
    expect(seen.items).toHaveLength(2);
    expect(seen.items[0]).toMatchObject({ question: "Quelle solution de logement ?", blocking_points: "Hébergement fictif instable", submitted_by: { name: "Alice Fictive" } });
    const logged = await t.database.db.select().from(access_log).where(and(eq(access_log.person_id, people[0]!), eq(access_log.user_id, signed.id)));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ reason: "committee", action: "read" });

    const count = (await unsigned.client.get(`/api/v1/committee-sessions/${session}/agenda`)).json();
    expect(count).toMatchObject({ situations_count: 2, items: null, permissions: { see_situations: false, sign_charter: true } });
    expect(await t.database.db.select().from(access_log).where(eq(access_log.user_id, unsigned.id))).toHaveLength(0);
    // Platform admins never see situations; outsiders not even the session.
    expect((await admin.get(`/api/v1/committee-sessions/${session}/agenda`)).json().items).toBeNull();
    expect((await w.outsider.get(`/api/v1/committee-sessions/${session}/agenda`)).statusCode).toBe(404);
    // A new version: signatures of the previous one no longer open situations.
    const v2 = (await w.coord.post("/api/v1/charters", { territory_id: w.aisne.id, text: "Charte fictive, version 2." })).json();
    expect((await signed.client.get(`/api/v1/committee-sessions/${session}/agenda`)).json().items).toBeNull();
    expect((await signed.client.post(`/api/v1/charters/${charter.id}/signatures`)).statusCode).toBe(409);
    expect((await signed.client.post(`/api/v1/charters/${v2.id}/signatures`)).statusCode).toBe(201);
    expect((await signed.client.get(`/api/v1/committee-sessions/${session}/agenda`)).json().items).toHaveLength(2);
  });

  it("freezes and dispatches at the computed instants; members get a link, never the content", async () => {
    const [row] = await t.database.db.select().from(committee_sessions).where(eq(committee_sessions.id, sessions[0]!.id));
    expect(await advanceSessions(t.database.db, config, new Date(row!.agenda_frozen_at.getTime() - 1000))).toBe(0);
    await advanceSessions(t.database.db, config, new Date(row!.agenda_frozen_at.getTime() + 1000));
    expect((await w.coord.get(`/api/v1/committee-sessions/${sessions[0]!.id}/agenda`)).json().session.status).toBe(row!.dispatched_at.getTime() === row!.agenda_frozen_at.getTime() ? "dispatched" : "agenda_frozen");
    await advanceSessions(t.database.db, config, new Date(row!.dispatched_at.getTime() + 1000));
    expect((await w.coord.get(`/api/v1/committee-sessions/${sessions[0]!.id}/agenda`)).json().session.status).toBe("dispatched");
    const sent = await t.database.db.select().from(messages).where(eq(messages.template, "committee_dispatch"));
    expect(sent.map((m) => m.recipient).sort()).toEqual([signed.email, unsigned.email].sort());
    expect(JSON.stringify(sent.map((m) => m.data))).not.toMatch(/Parcours-|logement/);
    // A frozen agenda takes no more submissions: the next one goes to a later session.
    const p = await w.person();
    const late = await w.alice.post(`/api/v1/committees/${committeeId}/submissions`, { person_id: p, blocking_points: "x", actions_tried: "y", question: "z", consent: true });
    expect(late.json().session.id).not.toBe(sessions[0]!.id);
  });

  it("attendance and decisions: actions land in the plan and the timeline, the référent is told, follow-up alert when due", async () => {
    const session = sessions[0]!.id;
    const agenda = (await w.coord.get(`/api/v1/committee-sessions/${session}/agenda`)).json();
    const [m1, m2] = agenda.members;
    expect((await w.alice.post(`/api/v1/committee-sessions/${session}/attendance`, { items: [{ member_id: m1.id, status: "present" }] })).statusCode).toBe(403);
    const bad = await w.coord.post(`/api/v1/committee-sessions/${session}/attendance`, { items: [{ member_id: m1.id, status: "substitute" }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("items.0.substitute_user_id");
    const att = await w.coord.post(`/api/v1/committee-sessions/${session}/attendance`, { items: [{ member_id: m1.id, status: "present" }, { member_id: m2.id, status: "excused" }] });
    expect(att.statusCode).toBe(200);

    const [first, second] = agenda.items;
    // A member who has not signed cannot decide (the situation is not revealed).
    expect((await unsigned.client.post(`/api/v1/committee-sessions/${session}/decisions`, { submission_id: first.id, outcome: "postponed", summary: "Non" })).statusCode).toBe(404);
    const before = await w.rows(actions);
    const decision = await signed.client.post(`/api/v1/committee-sessions/${session}/decisions`, {
      submission_id: first.id,
      outcome: "actions",
      summary: "Le comité propose un accompagnement logement renforcé (fictif).",
      actions: [{ title: "Rendez-vous avec le bailleur fictif", thematic: "logement", carried_by: "Alice Fictive", due_on: addDays(todayIso(), 30) }],
    });
    expect(decision.statusCode).toBe(201);
    expect(decision.json().action_ids).toHaveLength(1);
    expect(decision.json().follow_up_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await w.rows(actions)).toBe(before + 1);
    expect((await signed.client.post(`/api/v1/committee-sessions/${session}/decisions`, { submission_id: first.id, outcome: "postponed", summary: "Encore" })).statusCode).toBe(409);

    const plan = (await w.alice.get(`/api/v1/people/${first.person.id}/actions`)).json().items;
    expect(plan.map((a: { title: string }) => a.title)).toContain("Rendez-vous avec le bailleur fictif");
    const timeline = (await w.alice.get(`/api/v1/people/${first.person.id}/timeline`)).json();
    const summaries = JSON.stringify(timeline);
    expect(summaries).toContain("Décision du comité « CTO fictif de Laon »");
    expect(summaries).toContain("Situation présentée au comité");
    expect((await t.database.db.select().from(messages).where(eq(messages.template, "committee_decision"))).map((m) => m.recipient)).toEqual([w.aliceUser.email]);

    // "Postponed to the next session": the situation moves on.
    const postponed = await w.coord.post(`/api/v1/committee-sessions/${session}/decisions`, { submission_id: second.id, outcome: "postponed", summary: "Pièces manquantes (fictif)." });
    expect(postponed.statusCode).toBe(201);
    expect(postponed.json().next_session_id).toBe(sessions[1]!.id);
    expect(postponed.json().follow_up_on).toBeNull();
    // Referral intent is structured.
    expect((await w.coord.post(`/api/v1/committee-sessions/${session}/decisions`, { submission_id: second.id, outcome: "referral", summary: "x" })).statusCode).toBe(400);

    // The follow-up raises an alert once due.
    await t.database.db.update(committee_decisions).set({ follow_up_on: todayIso() }).where(eq(committee_decisions.id, decision.json().id));
    expect(await raiseFollowUps(t.database.db, new Date())).toBe(1);
    expect(await raiseFollowUps(t.database.db, new Date())).toBe(0);
    expect((await t.database.db.select().from(notifications).where(and(eq(notifications.user_id, w.aliceUser.id), eq(notifications.type, "committee_follow_up")))).length).toBe(1);
  });

  it("minutes: JSON document and PDF from one model; sent to members; admins and non-signers get 404", async () => {
    const session = sessions[0]!.id;
    const doc = (await signed.client.get(`/api/v1/committee-sessions/${session}/minutes`)).json();
    expect(doc.sections.map((s: { heading: string }) => s.heading)).toEqual(expect.arrayContaining(["Séance", "Présences"]));
    const pdf = await w.coord.get(`/api/v1/committee-sessions/${session}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await admin.get(`/api/v1/committee-sessions/${session}/minutes.pdf`)).statusCode).toBe(404);
    expect((await unsigned.client.get(`/api/v1/committee-sessions/${session}/minutes.pdf`)).statusCode).toBe(404);
    const sent = await w.coord.patch(`/api/v1/committee-sessions/${session}`, { action: "send_minutes" });
    expect(sent.json().status).toBe("minutes_sent");
    expect((await w.coord.patch(`/api/v1/committee-sessions/${session}`, { action: "cancel", reason: "trop tard" })).statusCode).toBe(409);
  });

  it("coordinators move and cancel a session with a reason; its situations go to the next one", async () => {
    const s = sessions[1]!;
    const moved = await w.coord.patch(`/api/v1/committee-sessions/${s.id}`, { action: "move", date: addDays(s.starts_at.slice(0, 10), 1), reason: "Salle indisponible (fictif)" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ moved_from: s.starts_at.slice(0, 10), override: "moved", reason: "Salle indisponible (fictif)" });
    expect(moved.json().starts_at.slice(11, 16)).toBe("08:30");
    expect((await w.alice.patch(`/api/v1/committee-sessions/${s.id}`, { action: "cancel", reason: "x" })).statusCode).toBe(403);
    expect((await w.coord.patch(`/api/v1/committee-sessions/${s.id}`, { action: "cancel" })).statusCode).toBe(400);
    const count = moved.json().situations_count;
    const cancelled = await w.coord.patch(`/api/v1/committee-sessions/${s.id}`, { action: "cancel", reason: "Grève fictive" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", situations_count: 0 });
    const next = (await w.coord.get(`/api/v1/committees/${committeeId}/sessions`)).json().items.find((x: { id: string }) => x.id === sessions[2]!.id);
    expect(next.situations_count).toBeGreaterThanOrEqual(count);
    // A regenerated calendar keeps the coordinator's changes.
    expect((await w.coord.patch(`/api/v1/committees/${committeeId}`, { submission_deadline: { days_before: 4, time: "12:00" } })).statusCode).toBe(200);
    const after = (await w.coord.get(`/api/v1/committees/${committeeId}/sessions`)).json().items.find((x: { id: string }) => x.id === s.id);
    expect(after.status).toBe("cancelled");
    // An added session.
    const added = await w.coord.post(`/api/v1/committees/${committeeId}/sessions`, { date: addDays(todayIso(), 3), reason: "Séance exceptionnelle" });
    expect(added.statusCode).toBe(201);
    expect(added.json().override).toBe("added");
  });

  it("holds the cap under concurrent submissions (placements are serialised per committee)", async () => {
    const c = (await w.coord.post("/api/v1/committees", cto(w.aisne.id, [], { name: "Cellule fictive", kind: "cellule_suivi", max_situations: 2 }))).json();
    const persons = [];
    for (let i = 0; i < 5; i += 1) persons.push(await w.person());
    const answers = await Promise.all(
      persons.map((p) => w.alice.post(`/api/v1/committees/${c.id}/submissions`, { person_id: p, blocking_points: "x", actions_tried: "y", question: "z", consent: true })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const counts = new Map<string, number>();
    for (const a of answers) counts.set(a.json().session.id, (counts.get(a.json().session.id) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([1, 2, 2]);
  });
});
