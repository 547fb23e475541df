// Unmet needs ("besoins sans solution"): recording (with and without a person), field errors, who
// sees what (steering without any person), closing, the territory's counts and CSV, and the alert
// sent to authors when a fitting service is published (read from a real SMTP server).
import { and, count, desc, eq } from "drizzle-orm";
import { jobs } from "../../jobs/jobs.tables.ts";
import { announcePublished, SERVICES_PUBLISHED_JOB } from "../directory/publications.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { access_log } from "../access-log/access-log.tables.ts";
import { messages } from "../messaging/messaging.tables.ts";
import { person_events } from "../people/people.tables.ts";
import { testApp, loginAs, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { runDueJobs, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { unmet_need_alerts, unmet_needs } from "./unmet-needs.tables.ts";

let t: TestApp;
let smtp: TestSmtp;
let aisne: string;
let mayotte: string;
let cd: string;
let ml: string;
let person: string;
const u = {} as Record<"referent" | "colleague" | "outsider" | "coordinator" | "coordinatorElsewhere" | "steering" | "structureAdmin" | "serviceAdmin", { id: string; email: string; client: Client }>;

const LAON = "02408";
const SAINT_QUENTIN = "02691";
const MAMOUDZOU = "97611";

async function rows(table: typeof unmet_needs | typeof access_log | typeof messages | typeof unmet_need_alerts) {
  const [{ n }] = (await t.database.db.select({ n: count() }).from(table)) as [{ n: number }];
  return Number(n);
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url, SPIE_PUBLIC_URL: "https://spie.test.example.org" });
  const db = t.database.db;
  aisne = (await f.territory(db, "Aisne besoins", [{ kind: "departement", code: "02" }])).id;
  mayotte = (await f.territory(db, "Mayotte besoins", [{ kind: "departement", code: "976" }])).id;
  cd = (await f.structure(db, { name: "Conseil départemental fictif", territory_id: aisne })).id;
  ml = (await f.structure(db, { name: "Mission locale fictive", territory_id: aisne })).id;
  const asso = (await f.structure(db, { name: "Association fictive", territory_id: aisne })).id;
  const far = (await f.structure(db, { name: "Structure mahoraise fictive", territory_id: mayotte })).id;
  const make = async (key: keyof typeof u, structure: string, role: "professional" | "coordinator" | "steering" | "structure_admin", name: string) => {
    const user = await f.user(db, [{ structure_id: structure, role }], { name });
    u[key] = { id: user.id, email: user.email, client: await loginAs(t.app, user.email) };
  };
  await make("referent", cd, "professional", "Réf Fictive");
  await make("colleague", ml, "professional", "Col Lègue");
  await make("outsider", asso, "professional", "Hors Équipe");
  await make("coordinator", cd, "coordinator", "Coor Dination");
  await make("coordinatorElsewhere", far, "coordinator", "Coor Ailleurs");
  await make("steering", cd, "steering", "Pilo Tage");
  await make("structureAdmin", cd, "structure_admin", "Admin Structure");
  await make("serviceAdmin", asso, "structure_admin", "Admin Services");
  const created = await u.referent.client.post("/api/v1/people", { first_names: "Test", last_name: "EXEMPLE", birth_date: "1985-02-03", address: { commune_code: LAON }, territory_id: aisne });
  expect(created.statusCode).toBe(201);
  person = created.json().id;
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const need = (overrides: Record<string, unknown> = {}) => ({ thematic: "mobilite", commune_code: LAON, description: "Un garage solidaire pour réparer une voiture", ...overrides });

describe("recording a need", () => {
  it("records a need with its commune's EPCI, département and territory", async () => {
    const res = await u.referent.client.post("/api/v1/unmet-needs", need({ urgency: "urgent" }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      thematic: "mobilite",
      thematic_label: "Mobilité",
      commune: { code: LAON, name: "Laon" },
      departement: { code: "02", name: "Aisne" },
      territory_id: aisne,
      urgency: "urgent",
      status: "open",
      person_id: null,
      has_person: false,
      created_by: { name: "Réf Fictive", structure_name: "Conseil départemental fictif", mine: true },
      permissions: { update: true, close: true },
    });
    expect(body.epci.code).toMatch(/^\d{9}$/);
  });

  it("names the field of each error, and writes nothing", async () => {
    const before = await rows(unmet_needs);
    const cases: [Record<string, unknown>, string][] = [
      [need({ thematic: "astrologie" }), "thematic"],
      [need({ commune_code: "99999" }), "commune_code"],
      [need({ commune_code: "pas un code" }), "commune_code"],
      [need({ description: "" }), "description"],
      [need({ description: "x".repeat(1001) }), "description"],
      [need({ urgency: "tres-urgent" }), "urgency"],
      [need({ person_id: "pas-un-uuid" }), "person_id"],
      [need({ inconnu: 1 }), "inconnu"],
    ];
    for (const [body, field] of cases) {
      const res = await u.referent.client.post("/api/v1/unmet-needs", body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await rows(unmet_needs)).toBe(before);
  });

  it("refuses those who accompany nobody: steering, structure admins", async () => {
    expect((await u.steering.client.post("/api/v1/unmet-needs", need())).statusCode).toBe(403);
    expect((await u.structureAdmin.client.post("/api/v1/unmet-needs", need())).statusCode).toBe(403);
  });

  it("names a person only from their team: the read is logged and the timeline tells it; others get 404/403 and nothing is written", async () => {
    const logBefore = await rows(access_log);
    const res = await u.referent.client.post("/api/v1/unmet-needs", need({ thematic: "logement", person_id: person, description: "Hébergement d'urgence introuvable" }));
    expect(res.statusCode).toBe(201);
    expect(res.json().person_id).toBe(person);
    const logged = await t.database.db.select().from(access_log).where(and(eq(access_log.person_id, person), eq(access_log.resource, "unmet_need")));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ reason: "team", action: "create", user_id: u.referent.id });
    expect(await rows(access_log)).toBe(logBefore + 1);
    const events = await t.database.db.select().from(person_events).where(and(eq(person_events.person_id, person), eq(person_events.type, "unmet_need_recorded")));
    expect(events).toHaveLength(1);

    const before = await rows(unmet_needs);
    expect((await u.outsider.client.post("/api/v1/unmet-needs", need({ person_id: person }))).statusCode).toBe(404);
    expect((await u.coordinatorElsewhere.client.post("/api/v1/unmet-needs", need({ person_id: person }))).statusCode).toBe(404);
    expect((await u.coordinator.client.post("/api/v1/unmet-needs", need({ person_id: person }))).statusCode).toBe(403);
    expect((await u.referent.client.post("/api/v1/unmet-needs", need({ person_id: "00000000-0000-4000-8000-000000000000" }))).statusCode).toBe(404);
    expect(await rows(unmet_needs)).toBe(before);
  });
});

describe("who sees what", () => {
  it("the author sees their own; an outsider sees none of them", async () => {
    const mine = (await u.referent.client.get("/api/v1/unmet-needs?mine=true")).json();
    expect(mine.total).toBeGreaterThanOrEqual(2);
    expect(mine.items.every((n: { created_by: { mine: boolean } }) => n.created_by.mine)).toBe(true);
    const other = (await u.outsider.client.get("/api/v1/unmet-needs")).json();
    expect(other).toEqual({ items: [], total: 0 });
    expect((await u.coordinatorElsewhere.client.get("/api/v1/unmet-needs")).json().total).toBe(0);
  });

  it("the coordinator sees the territory's needs with the person (logged); steering sees them without any person nor author", async () => {
    const logBefore = await rows(access_log);
    const coordination = (await u.coordinator.client.get(`/api/v1/unmet-needs?territory_id=${aisne}&thematic=logement`)).json();
    expect(coordination.total).toBe(1);
    expect(coordination.items[0]).toMatchObject({ person_id: person, has_person: true, created_by: { name: "Réf Fictive" }, permissions: { update: false, close: true } });
    const listed = await t.database.db.select().from(access_log).where(and(eq(access_log.person_id, person), eq(access_log.user_id, u.coordinator.id)));
    expect(listed.map((r) => [r.reason, r.action])).toEqual([["coordinator", "list"]]);
    expect(await rows(access_log)).toBe(logBefore + 1);

    const steering = await u.steering.client.get(`/api/v1/unmet-needs?territory_id=${aisne}&thematic=logement`);
    expect(steering.statusCode).toBe(200);
    expect(steering.json().items[0]).toMatchObject({ person_id: null, has_person: true, created_by: { name: null, structure_name: "Conseil départemental fictif" }, permissions: { update: false, close: false } });
    expect(steering.body).not.toContain(person);
    expect(await rows(access_log)).toBe(logBefore + 1);
  });

  it("a colleague outside the person's team never learns who the need is about", async () => {
    const res = await u.colleague.client.post("/api/v1/unmet-needs", need({ thematic: "sante", description: "Un centre de santé" }));
    expect(res.statusCode).toBe(201);
    const list = (await u.colleague.client.get("/api/v1/unmet-needs")).json();
    expect(list.items.map((n: { thematic: string }) => n.thematic)).toEqual(["sante"]);
  });
});

describe("the referral a need comes from", () => {
  it("is one of the need's person's referrals, else 400 on referral_id and nothing written", async () => {
    const service = await f.service(t.database.db, ml, { nom: "Atelier mobilité fictif" });
    const sent = await u.referent.client.post("/api/v1/referrals", { person_id: person, service_id: service.id, reason: "Orientation fictive vers l'atelier", consent: true });
    expect(sent.statusCode, sent.body).toBe(201);
    const referral = sent.json().id as string;
    const other = await u.referent.client.post("/api/v1/people", { first_names: "Autre", last_name: "FICTIF", birth_date: "1979-09-09", address: { commune_code: LAON }, territory_id: aisne });
    expect(other.statusCode, other.body).toBe(201);
    const before = await rows(unmet_needs);
    for (const body of [
      need({ referral_id: referral }), // no person named
      need({ referral_id: referral, person_id: other.json().id }), // someone else's referral
      need({ referral_id: "00000000-0000-4000-8000-000000000000", person_id: person }),
    ]) {
      const res = await u.referent.client.post("/api/v1/unmet-needs", body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: "referral_id", code: "unknown_referral" });
    }
    expect(await rows(unmet_needs)).toBe(before);
    const linked = await u.referent.client.post("/api/v1/unmet-needs", need({ referral_id: referral, person_id: person }));
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().referral_id).toBe(referral);
    // Closed again, so that the alerts below count only their own needs.
    expect((await u.referent.client.patch(`/api/v1/unmet-needs/${linked.json().id}`, { status: "abandoned", reason: "Test fini" })).statusCode).toBe(200);
  });
});

describe("closing and correcting", () => {
  it("corrects while open (author only), closes as solved by a service, then refuses any change (409)", async () => {
    const id = (await u.referent.client.post("/api/v1/unmet-needs", need({ thematic: "garde-enfant", description: "Une crèche à horaires décalés" }))).json().id;
    expect((await u.coordinator.client.patch(`/api/v1/unmet-needs/${id}`, { description: "Changée par la coordination" })).statusCode).toBe(403);
    expect((await u.outsider.client.patch(`/api/v1/unmet-needs/${id}`, { description: "Changée" })).statusCode).toBe(404);
    const edited = await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { description: "Une crèche ouverte le samedi", urgency: "urgent" });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ description: "Une crèche ouverte le samedi", urgency: "urgent" });

    const missing = await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { status: "solved" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe("service_id");
    const unknown = await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { status: "solved", service_id: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.json().errors[0]).toMatchObject({ field: "service_id", code: "unknown_service" });

    const service = await f.service(t.database.db, cd, { nom: "Crèche fictive du samedi" });
    const solved = await u.coordinator.client.patch(`/api/v1/unmet-needs/${id}`, { status: "solved", service_id: service.id });
    expect(solved.statusCode).toBe(200);
    expect(solved.json()).toMatchObject({ status: "solved", service: { id: service.id, nom: "Crèche fictive du samedi" } });
    expect(solved.json().closed_at).not.toBeNull();
    expect((await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { status: "abandoned", reason: "Trop tard" })).statusCode).toBe(409);
    expect((await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { description: "Encore" })).statusCode).toBe(409);
  });

  it("abandons with a reason only", async () => {
    const id = (await u.referent.client.post("/api/v1/unmet-needs", need({ thematic: "acces-aux-droits", description: "Un écrivain public" }))).json().id;
    const noReason = await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { status: "abandoned" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe("reason");
    expect((await u.steering.client.patch(`/api/v1/unmet-needs/${id}`, { status: "abandoned", reason: "Pilotage" })).statusCode).toBe(403);
    const done = await u.referent.client.patch(`/api/v1/unmet-needs/${id}`, { status: "abandoned", reason: "La personne a déménagé" });
    expect(done.json()).toMatchObject({ status: "abandoned", closed_reason: "La personne a déménagé", service: null });
  });
});

describe("the territory's counts and CSV", () => {
  let summaryTerritory: string;
  let coordinator: Client;
  let steering: Client;

  beforeAll(async () => {
    // A territory of its own (two communes of two EPCIs), with needs dated across two months.
    const db = t.database.db;
    summaryTerritory = (await f.territory(db, "Laon et Saint-Quentin", [{ kind: "commune", code: LAON }, { kind: "commune", code: SAINT_QUENTIN }])).id;
    const s = (await f.structure(db, { name: "Structure comptée", territory_id: summaryTerritory })).id;
    const pro = await f.user(db, [{ structure_id: s, role: "professional" }]);
    const coord = await f.user(db, [{ structure_id: s, role: "coordinator" }]);
    const pilot = await f.user(db, [{ structure_id: s, role: "steering" }]);
    coordinator = await loginAs(t.app, coord.email);
    steering = await loginAs(t.app, pilot.email);
    const client = await loginAs(t.app, pro.email);
    const made: [string, string, string, string][] = [
      ["mobilite", LAON, "2026-03-10T10:00:00Z", "Un scooter"],
      ["mobilite", LAON, "2026-03-31T22:30:00Z", "=HYPERLINK(\"http://exemple.invalid\";\"clic\")"], // 1 April in Paris
      ["mobilite", SAINT_QUENTIN, "2026-04-02T09:00:00Z", "Un permis, \"accompagné\""],
      ["logement", SAINT_QUENTIN, "2026-04-03T09:00:00Z", "Un foyer"],
    ];
    for (const [thematic, commune, at, description] of made) {
      const res = await client.post("/api/v1/unmet-needs", { thematic, commune_code: commune, description });
      expect(res.statusCode).toBe(201);
      await db.update(unmet_needs).set({ created_at: new Date(at) }).where(eq(unmet_needs.id, res.json().id));
    }
  });

  it("counts per thematic (all ten listed), commune, EPCI and month in the territory's time zone", async () => {
    const res = await coordinator.get(`/api/v1/unmet-needs/summary?territory_id=${summaryTerritory}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.total).toBe(4);
    expect(s.items).toHaveLength(10);
    expect(s.items[0]).toMatchObject({ thematic: "mobilite", label: "Mobilité", count: 3, open: 3 });
    expect(s.items.find((i: { thematic: string }) => i.thematic === "logement").count).toBe(1);
    expect(s.items.find((i: { thematic: string }) => i.thematic === "sante").count).toBe(0);
    expect(s.communes.map((c: { code: string; name: string; count: number }) => [c.name, c.count]).sort()).toEqual([
      ["Laon", 2],
      ["Saint-Quentin", 2],
    ]);
    expect(s.epcis).toHaveLength(2);
    expect(s.months.map((m: { month: string; count: number }) => [m.month, m.count])).toEqual([
      ["2026-03", 1],
      ["2026-04", 3],
    ]);
    expect(s.thematic_months).toContainEqual({ thematic: "mobilite", month: "2026-04", count: 2 });

    const april = (await steering.get(`/api/v1/unmet-needs/summary?territory_id=${summaryTerritory}&from=2026-04-01&to=2026-04-30`)).json();
    expect(april.total).toBe(3);
    const bad = await coordinator.get(`/api/v1/unmet-needs/summary?territory_id=${summaryTerritory}&from=2026-05-01&to=2026-04-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("to");
    expect((await coordinator.get("/api/v1/unmet-needs/summary")).json().errors[0].field).toBe("territory_id");
    expect((await u.coordinator.client.get(`/api/v1/unmet-needs/summary?territory_id=${summaryTerritory}`)).statusCode).toBe(403);
  });

  it("exports CSV with cells escaped against formulas, and no person", async () => {
    const res = await steering.get(`/api/v1/unmet-needs/export.csv?territory_id=${summaryTerritory}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("besoins-sans-solution");
    const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("identifiant,date,mois,thematique,commune_code,commune,epci_code,epci,departement,urgence,statut,date_cloture,motif_cloture,service_solution,description,personne_concernee,structure");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain("2026-04-01,2026-04,Mobilité,02408,Laon");
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://exemple.invalid"";""clic"")"`);
    expect(lines[3]).toContain(`"Un permis, ""accompagné"""`);
    expect(res.body).toContain(",non,Structure comptée");
    expect((await u.referent.client.get(`/api/v1/unmet-needs/export.csv?territory_id=${summaryTerritory}`)).statusCode).toBe(403);
  });
});

describe("telling the authors when a fitting service appears", () => {
  it("sends one message per author listing their needs the new service fits, once", async () => {
    const db = t.database.db;
    // Open needs: the référent's mobility needs in Laon (several), one in Mayotte; the colleague's health need.
    const far = await f.structure(db, { name: "Autre structure mahoraise", territory_id: mayotte });
    const mahorais = await f.user(db, [{ structure_id: far.id, role: "professional" }]);
    const mahoraisClient = await loginAs(t.app, mahorais.email);
    expect((await mahoraisClient.post("/api/v1/unmet-needs", need({ commune_code: MAMOUDZOU, description: "Un taxi solidaire à Mamoudzou" }))).statusCode).toBe(201);
    expect((await u.referent.client.post("/api/v1/unmet-needs", need({ commune_code: SAINT_QUENTIN, description: "Une voiture en location sociale" }))).statusCode).toBe(201);
    await runDueJobs(db, t.app.deps.config);
    smtp.mails.length = 0;

    // A structure admin publishes a mobility service eligible in the Aisne.
    const published = await f.user(db, [{ structure_id: ml, role: "structure_admin" }]);
    const admin = await loginAs(t.app, published.email);
    const draft = await admin.post(`/api/v1/structures/${ml}/services`, {
      nom: "Garage solidaire fictif",
      description: "Réparations à petit prix pour les personnes en insertion (fictif).",
      thematiques: ["mobilite--entretenir-reparer-son-vehicule"],
      zone_eligibilite: ["02"],
      status: "draft",
    });
    expect(draft.statusCode).toBe(201);
    await runDueJobs(db, t.app.deps.config);
    expect(smtp.mails).toHaveLength(0); // a draft is no news
    expect((await admin.patch(`/api/v1/services/${draft.json().id}`, { status: "published" })).statusCode).toBe(200);
    await runDueJobs(db, t.app.deps.config);

    const toReferent = smtp.to(u.referent.email);
    expect(toReferent).toHaveLength(1);
    const mail = toReferent[0]!;
    expect(mail.subject).toBe("De nouveaux services pour 2 besoins que vous avez signalés");
    expect(mail.text).toContain("Garage solidaire fictif");
    expect(mail.text).toContain("Un garage solidaire pour réparer une voiture");
    expect(mail.text).toContain("Une voiture en location sociale");
    expect(mail.text).toContain("https://spie.test.example.org/besoins-sans-solution/mes-besoins");
    expect(mail.text).not.toContain("EXEMPLE");
    expect(mail.html).toContain("Garage solidaire fictif");
    // The closed needs and the other thematics, communes and authors are not told.
    expect(mail.text).not.toContain("crèche");
    expect(smtp.to(u.colleague.email)).toHaveLength(0);
    expect(smtp.to(mahorais.email)).toHaveLength(0);
    // The referent and the professional who recorded the mobility needs counted above: one mail each.
    expect(smtp.mails).toHaveLength(2);
    expect(new Set(smtp.mails.map((m) => m.to)).size).toBe(2);

    // The same service announced again (a retry, a re-publication) tells nobody twice.
    const alerts = await rows(unmet_need_alerts);
    expect(alerts).toBeGreaterThanOrEqual(1);
    expect((await admin.patch(`/api/v1/services/${draft.json().id}`, { status: "archived" })).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/services/${draft.json().id}`, { status: "published" })).statusCode).toBe(200);
    await runDueJobs(db, t.app.deps.config);
    expect(smtp.mails).toHaveLength(2);
    expect(await rows(unmet_need_alerts)).toBe(alerts);
    const [message] = await db.select().from(messages).where(eq(messages.template, "unmet_need_service"));
    expect(message?.status).toBe("sent");
  });

  it("tells the author when an import creates a fitting service", async () => {
    const db = t.database.db;
    smtp.mails.length = 0;
    const file = JSON.stringify({
      structures: [{ id: "fictif--s1", nom: "Centre de santé fictif", source: "fictif", date_maj: "2026-01-01", code_insee: LAON, siret: "12345678901234" }],
      services: [
        {
          id: "fictif--v1",
          structure_id: "fictif--s1",
          source: "fictif",
          nom: "Consultations fictives sans rendez-vous",
          description: "Un service fictif de santé importé pour le test des besoins sans solution.",
          thematiques: ["sante--acces-aux-soins"],
          zone_eligibilite: [LAON],
          date_maj: "2026-01-01",
        },
      ],
    });
    const { importDataInclusion } = await import("../directory/import/import.service.ts");
    const report = await importDataInclusion(db, new TextEncoder().encode(file), { source: "fictif" });
    expect(report.services.created, JSON.stringify(report.errors)).toBe(1);
    await runDueJobs(db, t.app.deps.config);
    const mails = smtp.to(u.colleague.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Un nouveau service pour un besoin que vous avez signalé");
    expect(mails[0]!.text).toContain("Consultations fictives sans rendez-vous");
    expect(mails[0]!.text).toContain("Un centre de santé");

    // A need recorded after the publication was made knowing the directory: the announcement (even
    // replayed) does not tell its author.
    const later = await u.outsider.client.post("/api/v1/unmet-needs", need({ thematic: "sante", description: "Un dentiste" }));
    expect(later.statusCode).toBe(201);
    const [job] = await db.select().from(jobs).where(eq(jobs.name, SERVICES_PUBLISHED_JOB)).orderBy(desc(jobs.id)).limit(1);
    await announcePublished(db, (job!.payload as { service_ids: string[] }).service_ids, new Date((job!.payload as { published_at: string }).published_at));
    await runDueJobs(db, t.app.deps.config);
    expect(smtp.to(u.outsider.email)).toHaveLength(0);
    expect(smtp.to(u.colleague.email)).toHaveLength(1);
  });
});
