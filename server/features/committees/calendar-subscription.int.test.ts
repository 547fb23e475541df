// The private iCalendar URL of a committee: calendar apps send no cookie, the URL's secret is the
// capability. It serves the same sessions as the signed-in feed and no person; it stops working when
// revoked, replaced, or when its owner no longer reads the committee.
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../crypto.ts";
import { anonymous, loginAs, type Client, type TestApp, testApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { memberships } from "../structures/structures.tables.ts";
import { committee_calendar_subscriptions } from "./committees.tables.ts";
import { cto } from "../../test/committee-dates.ts";

let t: TestApp;
let w: PathwayWorld;
let seated: { client: Client; id: string };
let steering: { client: Client; id: string; membership: string };
let committeeId: string;
const PUBLIC_URL = "https://spie.example.org";

/** The path of a subscription URL (the app is injected, not reached over the network). */
const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
const uids = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")));

beforeAll(async () => {
  t = await testApp({ SPIE_PUBLIC_URL: PUBLIC_URL });
  w = await pathwayWorld(t);
  const db = t.database.db;
  const m = await f.user(db, [{ structure_id: w.ml.id, role: "professional" }], { name: "Membre Désignée-Fictive" });
  seated = { client: await loginAs(t.app, m.email), id: m.id };
  // A steering user reads the committee only through their seat on it.
  const s = await f.user(db, [{ structure_id: w.ml.id, role: "steering" }], { name: "Pilote Désigné-Fictif" });
  steering = { client: await loginAs(t.app, s.email), id: s.id, membership: s.memberships[0]!.id };
  const c = await w.coord.post(
    "/api/v1/committees",
    cto(
      w.aisne.id,
      [
        { structure_id: w.ml.id, user_id: m.id },
        { structure_id: w.ml.id, user_id: s.id, role: "substitute" },
      ],
      { name: "CTO fictif du calendrier" },
    ),
  );
  expect(c.statusCode, c.body).toBe(201);
  committeeId = c.json().id;
  // A situation on the agenda: its person must not appear in the feed.
  const person = await w.person({ first_names: "Zéphyrine", last_name: "Calendrier-Fictive" });
  expect((await w.alice.post(`/api/v1/committees/${committeeId}/submissions`, { person_id: person, blocking_points: "x", actions_tried: "y", question: "z", consent: true })).statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe("the private calendar URL", () => {
  let url: string;

  it("is given once to whoever reads the committee; only its hash is kept", async () => {
    const res = await seated.client.post(`/api/v1/committees/${committeeId}/calendar-subscription`);
    expect(res.statusCode, res.body).toBe(201);
    url = res.json().url;
    expect(url).toMatch(/^https:\/\/spie\.example\.org\/api\/v1\/committee-calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.split("/").at(-1)!.replace(/\.ics$/, "");
    const rows = await t.database.db.select().from(committee_calendar_subscriptions).where(eq(committee_calendar_subscriptions.user_id, seated.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await seated.client.get(`/api/v1/committees/${committeeId}`)).json().calendar_subscription).toMatchObject({ created_at: expect.any(String), last_used_at: null });
    // Who may not know the committee gets no URL.
    expect((await w.outsider.post(`/api/v1/committees/${committeeId}/calendar-subscription`)).statusCode).toBe(404);
    expect((await w.coordElsewhere.post(`/api/v1/committees/${committeeId}/calendar-subscription`)).statusCode).toBe(404);
  });

  it("serves, without any cookie, the same sessions as the signed-in feed, and no person", async () => {
    const res = await anonymous(t.app).get(pathOf(url));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const signedIn = await seated.client.get(`/api/v1/committees/${committeeId}/calendar.ics`);
    expect(uids(res.body).length).toBeGreaterThan(5);
    expect(uids(res.body)).toEqual(uids(signedIn.body));
    for (const name of ["Zéphyrine", "Calendrier-Fictive", "Alice Fictive", "Membre Désignée-Fictive", "Pilote Désigné-Fictif", "Claude Coordination"]) {
      expect(res.body, name).not.toContain(name);
      expect(signedIn.body, name).not.toContain(name);
    }
    const [row] = await t.database.db.select().from(committee_calendar_subscriptions).where(eq(committee_calendar_subscriptions.user_id, seated.id));
    expect(row!.last_used_at).not.toBeNull();
  });

  it("answers 404 to an unknown or malformed secret", async () => {
    expect((await anonymous(t.app).get(`/api/v1/committee-calendars/${"A".repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await anonymous(t.app).get("/api/v1/committee-calendars/pas-un-secret.ics")).statusCode).toBe(404);
  });

  it("a new URL replaces the previous one; revoking it ends it (404)", async () => {
    const again = (await seated.client.post(`/api/v1/committees/${committeeId}/calendar-subscription`)).json().url;
    expect(again).not.toBe(url);
    expect((await anonymous(t.app).get(pathOf(url))).statusCode).toBe(404);
    expect((await anonymous(t.app).get(pathOf(again))).statusCode).toBe(200);
    expect((await seated.client.delete(`/api/v1/committees/${committeeId}/calendar-subscription`)).statusCode).toBe(204);
    expect((await anonymous(t.app).get(pathOf(again))).statusCode).toBe(404);
    expect((await seated.client.get(`/api/v1/committees/${committeeId}`)).json().calendar_subscription).toBeNull();
  });

  it("stops working when its owner is removed from the committee, or leaves their structure", async () => {
    const mine = (await steering.client.post(`/api/v1/committees/${committeeId}/calendar-subscription`)).json().url;
    expect((await anonymous(t.app).get(pathOf(mine))).statusCode).toBe(200);
    const members = (await w.coord.get(`/api/v1/committees/${committeeId}`)).json().members as { structure: { id: string }; user: { id: string }; role: string }[];
    const keep = members.filter((m) => m.user.id !== steering.id).map((m) => ({ structure_id: m.structure.id, user_id: m.user.id, role: m.role }));
    expect((await w.coord.patch(`/api/v1/committees/${committeeId}`, { members: keep })).statusCode).toBe(200);
    expect((await anonymous(t.app).get(pathOf(mine))).statusCode).toBe(404);
    // Appointed again: the same URL answers again (rights are read at each fetch).
    expect((await w.coord.patch(`/api/v1/committees/${committeeId}`, { members: [...keep, { structure_id: w.ml.id, user_id: steering.id, role: "substitute" }] })).statusCode).toBe(200);
    expect((await anonymous(t.app).get(pathOf(mine))).statusCode).toBe(200);

    // The seated professional leaves her structure: no membership in the territory, no feed.
    const url2 = (await seated.client.post(`/api/v1/committees/${committeeId}/calendar-subscription`)).json().url;
    expect((await anonymous(t.app).get(pathOf(url2))).statusCode).toBe(200);
    await t.database.db.update(memberships).set({ ended_at: new Date() }).where(eq(memberships.user_id, seated.id));
    expect((await anonymous(t.app).get(pathOf(url2))).statusCode).toBe(404);
  });
});
