import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { anonymous, loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { users } from "../auth/auth.tables.ts";
import { team_members } from "../people/people.tables.ts";
import { memberships, structures } from "./structures.tables.ts";
import { invitationToken } from "../../test/messages.ts";

let t: TestApp;
let territoryId: string;
let mayotteId: string;
let mlId: string;
let cdId: string;
let spipId: string;
let mayotteStructureId: string;
let platformAdmin: Client;
let mlAdmin: Client;
let pro: Client;
let coordinator: Client;
let steering: Client;
let spipPro: Client;
let mayottePro: Client;
let proEmail: string;
let mlAdminUser: Awaited<ReturnType<typeof f.user>>;
let adminUser: Awaited<ReturnType<typeof f.user>>;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  territoryId = (await f.territory(db, "Aisne d'essai")).id;
  mayotteId = (await f.territory(db, "Mayotte d'essai", [{ kind: "departement", code: "976" }])).id;
  const ml = await f.structure(db, { name: "Mission locale d'essai", territory_id: territoryId });
  const cd = await f.structure(db, { name: "Département d'essai", territory_id: territoryId });
  const spip = await f.structure(db, { name: "SPIP d'essai", territory_id: territoryId, sensitive: true });
  const mayotte = await f.structure(db, { name: "Structure d'essai de Mayotte", territory_id: mayotteId });
  mlId = ml.id;
  cdId = cd.id;
  spipId = spip.id;
  mayotteStructureId = mayotte.id;
  const all = await Promise.all([
    f.user(db, [], { is_admin: true }),
    f.user(db, [{ structure_id: ml.id, role: "structure_admin" }]),
    f.user(db, [{ structure_id: ml.id, role: "professional" }]),
    f.user(db, [{ structure_id: cd.id, role: "coordinator" }]),
    f.user(db, [{ structure_id: cd.id, role: "steering" }]),
    f.user(db, [{ structure_id: spip.id, role: "professional" }]),
    f.user(db, [{ structure_id: mayotte.id, role: "professional" }]),
  ]);
  adminUser = all[0];
  mlAdminUser = all[1];
  proEmail = all[2].email;
  const clients = await Promise.all(all.map((u) => loginAs(t.app, u.email)));
  [platformAdmin, mlAdmin, pro, coordinator, steering, spipPro, mayottePro] = clients as [Client, Client, Client, Client, Client, Client, Client];
});

afterAll(async () => {
  await t?.close();
});

async function membershipRow(id: string) {
  const [row] = await t.database.db.select().from(memberships).where(eq(memberships.id, id));
  return row;
}

async function activeRoles(userId: string, structureId: string): Promise<string[]> {
  const rows = await t.database.db.select().from(memberships).where(and(eq(memberships.user_id, userId), eq(memberships.structure_id, structureId)));
  return rows.filter((r) => r.ended_at === null).map((r) => r.role);
}

describe("structures", () => {
  it("computes permissions for the client", async () => {
    expect((await mlAdmin.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({
      update: true,
      deactivate: false,
      claim: false,
      change_territory: false,
      manage_members: true,
      grantable_roles: ["professional", "structure_admin"],
    });
    expect((await pro.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({ update: false, deactivate: false, claim: false, change_territory: false, manage_members: false, grantable_roles: [] });
    expect((await coordinator.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({ update: true, deactivate: true, claim: true, change_territory: false, manage_members: false, grantable_roles: [] });
    expect((await platformAdmin.get(`/api/v1/structures/${mlId}`)).json().permissions).toEqual({
      update: true,
      deactivate: true,
      claim: true,
      change_territory: true,
      manage_members: true,
      grantable_roles: ["professional", "structure_admin", "coordinator", "steering"],
    });
  });

  it("creates a structure with a valid SIRET, commune and type; refuses others", async () => {
    const created = await platformAdmin.post("/api/v1/structures", {
      name: "Association d'essai",
      siret: "732 829 320 00074",
      type: "ccas-cias",
      address: { street: "1 rue de l'Exemple", postal_code: "02000", commune_code: "02408" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ siret: "73282932000074", type_label: expect.any(String), territory: { id: territoryId }, address: { commune_name: "Laon" } });
    expect((await pro.post("/api/v1/structures", { name: "Pas autorisé" })).statusCode).toBe(403);
    expect((await coordinator.post("/api/v1/structures", { name: "Structure du coordinateur", territory_id: territoryId })).statusCode).toBe(201);
    expect((await coordinator.post("/api/v1/structures", { name: "Hors de son territoire", territory_id: mayotteId })).statusCode).toBe(403);
  });

  it("rejects bad input with a field error per problem and writes nothing", async () => {
    const [before] = await t.database.db.select({ n: count() }).from(structures);
    const bad = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", siret: "7328293200007" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("siret");
    const luhn = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", siret: "73282932000075" });
    expect(luhn.json().errors[0].field).toBe("siret");
    const type = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", type: "missions-locale" });
    expect(type.statusCode).toBe(400);
    expect(type.json().errors[0].message).toMatch(/Vouliez-vous dire « mission-locale » \?/);
    const commune = await platformAdmin.post("/api/v1/structures", { name: "Mauvaise", address: { commune_code: "02999" } });
    expect(commune.json().errors[0].field).toBe("address.commune_code");
    const long = await platformAdmin.post("/api/v1/structures", { name: "x".repeat(201) });
    expect(long.json().errors[0].field).toBe("name");
    const [after] = await t.database.db.select({ n: count() }).from(structures);
    expect(after!.n).toBe(before!.n);
  });

  it("lets structure admins and coordinators edit, not professionals", async () => {
    expect((await pro.patch(`/api/v1/structures/${mlId}`, { phone: "03 00 00 00 00" })).statusCode).toBe(403);
    const res = await mlAdmin.patch(`/api/v1/structures/${mlId}`, { phone: "03 00 00 00 00", email: "contact@ml.example.org" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: "03 00 00 00 00", email: "contact@ml.example.org" });
  });
});

describe("changing a structure's territory (issue 7, findings 1 and 2)", () => {
  it("refuses it to the structure's admins and to coordinators, and leaves the territory unchanged", async () => {
    const byAdmin = await mlAdmin.patch(`/api/v1/structures/${mlId}`, { territory_id: mayotteId });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(byAdmin.json().detail).toMatch(/administrateurs de la plateforme/);
    expect((await coordinator.patch(`/api/v1/structures/${cdId}`, { territory_id: mayotteId })).statusCode).toBe(403);
    expect((await coordinator.patch(`/api/v1/structures/${mlId}`, { territory_id: null })).statusCode).toBe(403);
    const [ml] = await t.database.db.select().from(structures).where(eq(structures.id, mlId));
    const [cd] = await t.database.db.select().from(structures).where(eq(structures.id, cdId));
    expect([ml!.territory_id, cd!.territory_id]).toEqual([territoryId, territoryId]);
  });

  it("accepts an unchanged territory from those who may edit", async () => {
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}`, { territory_id: territoryId, phone: "03 11 11 11 11" })).statusCode).toBe(200);
  });

  it("lets a platform admin move a structure", async () => {
    const moved = await platformAdmin.post("/api/v1/structures", { name: "Structure à déplacer", territory_id: territoryId });
    const res = await platformAdmin.patch(`/api/v1/structures/${moved.json().id}`, { territory_id: mayotteId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().territory.id).toBe(mayotteId);
  });
});

describe("members", () => {
  it("invites (no password shown): the membership exists only once the invitation is accepted", async () => {
    const added = await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: "nouvelle.recrue@test.spie.example.org", name: "Nouvelle Recrue", role: "professional" });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toMatch(/password|mot_de_passe/);
    expect(await t.database.db.select().from(users).where(eq(users.email, "nouvelle.recrue@test.spie.example.org"))).toEqual([]);
    const token = await invitationToken(t.database.db, "nouvelle.recrue@test.spie.example.org");
    const accepted = await anonymous(t.app).post(`/api/v1/invitations/${token}/accept`, { password: "une phrase de passe fictive" });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const newcomer = await loginAs(t.app, "nouvelle.recrue@test.spie.example.org", "une phrase de passe fictive");
    expect((await newcomer.get("/api/v1/me")).json().memberships[0].role).toBe("professional");

    const second = await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: proEmail, role: "structure_admin" });
    expect(second.statusCode).toBe(201);
    expect((await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: proEmail, role: "structure_admin" })).statusCode).toBe(409);
    // An existing account: attached only when it accepts, signed in as itself.
    const proToken = await invitationToken(t.database.db, proEmail);
    expect((await anonymous(t.app).post(`/api/v1/invitations/${proToken}/accept`, {})).statusCode).toBe(403);
    expect((await pro.get("/api/v1/me")).json().memberships.some((m: { role: string }) => m.role === "structure_admin")).toBe(false);
    const consent = await pro.post(`/api/v1/invitations/${proToken}/accept`, {});
    expect(consent.statusCode, consent.body).toBe(200);
    expect(consent.json().memberships.some((m: { role: string }) => m.role === "structure_admin")).toBe(true);
  });

  it("changes roles (a new membership) and removes members; refuses non-admins", async () => {
    const members = (await mlAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items as { membership_id: string; role: string; user: { email: string } }[];
    const recruit = members.find((m) => m.user.email === "nouvelle.recrue@test.spie.example.org")!;
    // Before issue 7 this test made the recruit a coordinator: structure admins no longer grant territory roles.
    const changed = await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${recruit.membership_id}`, { role: "structure_admin" });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().role).toBe("structure_admin");
    const newId = changed.json().membership_id as string;
    expect(newId).not.toBe(recruit.membership_id);
    expect((await mlAdmin.delete(`/api/v1/structures/${mlId}/members/${newId}`)).statusCode).toBe(204);
    expect((await mlAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items.some((m: { membership_id: string }) => [recruit.membership_id, newId].includes(m.membership_id))).toBe(false);
    expect((await coordinator.get(`/api/v1/structures/${mlId}/members`)).statusCode).toBe(403);
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${recruit.membership_id}`, { role: "boss" })).statusCode).toBe(400);
  });

  it("keeps at least one structure admin", async () => {
    const db = t.database.db;
    const lone = await f.structure(db, { name: "Structure d'essai à un administrateur", territory_id: territoryId });
    const loneAdmin = await f.user(db, [{ structure_id: lone.id, role: "structure_admin" }]);
    const client = await loginAs(t.app, loneAdmin.email);
    expect((await client.delete(`/api/v1/structures/${lone.id}/members/${loneAdmin.memberships[0]!.id}`)).statusCode).toBe(409);
  });
});

describe("granting roles (issue 7, findings 1 and 4)", () => {
  it("refuses a structure admin who grants themself coordinator in their own structure", async () => {
    const res = await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: mlAdminUser.email, name: "ignoré", role: "coordinator" });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(await activeRoles(mlAdminUser.id, mlId)).toEqual(["structure_admin"]);
  });

  it("refuses a structure admin who grants themself any role, even professional", async () => {
    const res = await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: mlAdminUser.email, name: "ignoré", role: "professional" });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/vous attribuer un rôle/);
    expect(await activeRoles(mlAdminUser.id, mlId)).toEqual(["structure_admin"]);
  });

  it("refuses a structure admin who grants coordinator or steering to anyone, and creates no account", async () => {
    for (const role of ["coordinator", "steering"]) {
      const existing = await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: proEmail, name: "ignoré", role });
      expect(existing.statusCode, role).toBe(403);
      const email = `nouveau.${role}@test.spie.example.org`;
      expect((await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email, name: "Compte Fictif", role })).statusCode).toBe(403);
      expect(await t.database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });

  it("lets a platform admin grant coordinator and steering", async () => {
    const res = await platformAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: "coordination.fictive@test.spie.example.org", name: "Coordination Fictive", role: "coordinator" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().role).toBe("coordinator");
    expect((await platformAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: proEmail, name: "ignoré", role: "steering" })).statusCode).toBe(201);
    expect((await pro.post(`/api/v1/invitations/${await invitationToken(t.database.db, proEmail)}/accept`, {})).statusCode).toBe(200);
  });

  it("refuses a platform admin who gives themself a membership, and any membership given to an admin account", async () => {
    const self = await platformAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: adminUser.email, name: "ignoré", role: "coordinator" });
    expect(self.statusCode).toBe(403);
    const otherAdmin = await f.user(t.database.db, [], { is_admin: true });
    expect((await platformAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: otherAdmin.email, name: "ignoré", role: "professional" })).statusCode).toBe(403);
    expect((await mlAdmin.post(`/api/v1/structures/${mlId}/invitations`, { email: otherAdmin.email, name: "ignoré", role: "professional" })).statusCode).toBe(403);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.user_id, adminUser.id))).toEqual([]);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.user_id, otherAdmin.id))).toEqual([]);
  });

  it("refuses a structure admin who changes a member to coordinator, or changes their own role", async () => {
    const db = t.database.db;
    const member = await f.user(db, [{ structure_id: mlId, role: "professional" }]);
    const membershipId = member.memberships[0]!.id;
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${membershipId}`, { role: "coordinator" })).statusCode).toBe(403);
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${membershipId}`, { role: "steering" })).statusCode).toBe(403);
    expect((await membershipRow(membershipId))!.ended_at).toBeNull();
    expect((await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${mlAdminUser.memberships[0]!.id}`, { role: "professional" })).statusCode).toBe(403);
    expect(await activeRoles(mlAdminUser.id, mlId)).toEqual(["structure_admin"]);
  });

  it("refuses a structure admin who removes a coordinator of their structure; a platform admin may", async () => {
    const db = t.database.db;
    const coord = await f.user(db, [{ structure_id: mlId, role: "coordinator" }]);
    const id = coord.memberships[0]!.id;
    expect((await mlAdmin.delete(`/api/v1/structures/${mlId}/members/${id}`)).statusCode).toBe(403);
    expect((await membershipRow(id))!.ended_at).toBeNull();
    expect((await platformAdmin.delete(`/api/v1/structures/${mlId}/members/${id}`)).statusCode).toBe(204);
    expect((await membershipRow(id))!.ended_at).not.toBeNull();
  });

  it("tells the client what it may do with each member", async () => {
    const db = t.database.db;
    const coord = await f.user(db, [{ structure_id: mlId, role: "coordinator" }], { name: "Coordination Listée" });
    const items = (await mlAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items as { membership_id: string; permissions: { change_role: boolean; remove: boolean } }[];
    const of = (id: string) => items.find((m) => m.membership_id === id)!.permissions;
    expect(of(coord.memberships[0]!.id)).toEqual({ change_role: false, remove: false });
    expect(of(mlAdminUser.memberships[0]!.id)).toEqual({ change_role: false, remove: true });
    const asAdmin = (await platformAdmin.get(`/api/v1/structures/${mlId}/members`)).json().items as typeof items;
    expect(asAdmin.find((m) => m.membership_id === coord.memberships[0]!.id)!.permissions).toEqual({ change_role: true, remove: true });
  });
});

describe("a role change ends the membership and its team seats (issue 7, finding 3)", () => {
  async function professionalWithAFile() {
    const user = await f.user(t.database.db, [{ structure_id: mlId, role: "professional" }]);
    const client = await loginAs(t.app, user.email);
    const created = await client.post("/api/v1/people", { first_names: "Personne", last_name: `Exemple-Rôle-${user.id.slice(0, 8)}`, birth_date: "1991-02-03", territory_id: territoryId, confirm_not_duplicate: true });
    expect(created.statusCode, created.body).toBe(201);
    const personId = created.json().id as string;
    expect((await client.get(`/api/v1/people/${personId}`)).statusCode).toBe(200);
    return { user, client, personId, membershipId: user.memberships[0]!.id };
  }

  it("professional → steering: the old membership ends, a new one starts, the seat no longer opens the file", async () => {
    const { user, client, personId, membershipId } = await professionalWithAFile();
    const res = await platformAdmin.patch(`/api/v1/structures/${mlId}/members/${membershipId}`, { role: "steering" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: "steering", user: { id: user.id } });
    const newId = res.json().membership_id as string;
    expect(newId).not.toBe(membershipId);
    expect((await membershipRow(membershipId))!.ended_at).not.toBeNull();
    expect(await membershipRow(newId)).toMatchObject({ role: "steering", ended_at: null, user_id: user.id });
    // The team seat still names the old membership, which has ended: it grants nothing.
    const seats = await t.database.db.select().from(team_members).where(eq(team_members.person_id, personId));
    expect(seats.map((s) => s.membership_id)).toEqual([membershipId]);
    expect((await client.get(`/api/v1/people/${personId}`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/me")).json().memberships.map((m: { role: string }) => m.role)).toEqual(["steering"]);
  });

  it("professional → structure_admin by a structure admin: same, the seat ends", async () => {
    const { client, personId, membershipId } = await professionalWithAFile();
    const res = await mlAdmin.patch(`/api/v1/structures/${mlId}/members/${membershipId}`, { role: "structure_admin" });
    expect(res.statusCode, res.body).toBe(200);
    expect((await membershipRow(membershipId))!.ended_at).not.toBeNull();
    expect((await client.get(`/api/v1/people/${personId}`)).statusCode).toBe(404);
  });

  it("removing a member ends their seats too", async () => {
    const { client, personId, membershipId } = await professionalWithAFile();
    expect((await mlAdmin.delete(`/api/v1/structures/${mlId}/members/${membershipId}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/people/${personId}`)).statusCode).toBe(404);
  });
});

describe("me.permissions (issue 7)", () => {
  it("carries what the web needs, computed by the policy", async () => {
    const mine = (await pro.get("/api/v1/me")).json();
    expect(mine.permissions).toMatchObject({ create_person: true, import_directory: false, manage_territories: false });
    expect(mine.permissions.acting_memberships.map((m: { role: string }) => m.role)).toEqual(["professional"]);
    // The professional was also made structure admin and steering above.
    expect(mine.permissions.administered_structures).toEqual([{ id: mlId, name: "Mission locale d'essai" }]);

    const admin = (await mlAdmin.get("/api/v1/me")).json().permissions;
    expect(admin).toMatchObject({ create_person: false, import_directory: false, acting_memberships: [], administered_structures: [{ id: mlId, name: "Mission locale d'essai" }] });
    expect((await coordinator.get("/api/v1/me")).json().permissions).toMatchObject({ create_person: true, import_directory: true, administered_structures: [] });
    expect((await steering.get("/api/v1/me")).json().permissions).toMatchObject({ create_person: false, acting_memberships: [] });
    expect((await platformAdmin.get("/api/v1/me")).json().permissions).toMatchObject({ create_person: false, import_directory: true, manage_territories: true });
  });

  it("gives no acting membership to a platform admin who holds one anyway (made outside the API)", async () => {
    const admin = await f.user(t.database.db, [{ structure_id: mlId, role: "professional" }], { is_admin: true });
    const me = (await (await loginAs(t.app, admin.email)).get("/api/v1/me")).json();
    expect(me.memberships).toHaveLength(1);
    expect(me.permissions).toMatchObject({ create_person: false, acting_memberships: [] });
  });
});

describe("sensitive structures: one rule (issue 7)", () => {
  const names = (body: { items: { name: string }[] }) => body.items.map((s) => s.name);

  it("shows them to admins, their members and those who accompany people in the same territory", async () => {
    for (const client of [platformAdmin, spipPro, pro, coordinator]) {
      expect(names((await client.get("/api/v1/structures?q=spip")).json())).toEqual(["SPIP d'essai"]);
      expect((await client.get(`/api/v1/structures/${spipId}`)).statusCode).toBe(200);
      expect((await client.get(`/api/v1/directory/structures/${spipId}`)).statusCode).toBe(200);
    }
  });

  it("hides them from other territories, steering, structure admins of other structures, and anonymous visitors", async () => {
    const adminElsewhere = await f.user(t.database.db, [{ structure_id: mayotteStructureId, role: "structure_admin" }]);
    const onlyAdmin = await f.user(t.database.db, [{ structure_id: cdId, role: "structure_admin" }]);
    const others = [mayottePro, steering, await loginAs(t.app, adminElsewhere.email), await loginAs(t.app, onlyAdmin.email)];
    for (const client of others) {
      expect(names((await client.get("/api/v1/structures?q=spip")).json())).toEqual([]);
      expect((await client.get(`/api/v1/structures/${spipId}`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/directory/structures/${spipId}`)).statusCode).toBe(404);
    }
    expect((await anonymous(t.app).get(`/api/v1/directory/structures/${spipId}`)).statusCode).toBe(404);
  });
});
