// Invitations by e-mail against a real SMTP server started by the test (smtp-server), mails read
// back with mailparser: the link, nothing sensitive, acceptance, expiry, revocation, single use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { anonymous, loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { linkToken, runDueJobs, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { users } from "../auth/auth.tables.ts";
import { messages } from "../messaging/messaging.tables.ts";
import { memberships } from "../structures/structures.tables.ts";
import { invitations } from "./invitations.tables.ts";

let t: TestApp;
let smtp: TestSmtp;
let structureId: string;
let admin: Client;
let adminEmail: string;
const PASSWORD = "une phrase de passe fictive";

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url, SPIE_MAIL_FROM: "spie test <spie@test.spie.example.org>", SPIE_PUBLIC_URL: "https://spie.test.example.org" });
  const db = t.database.db;
  const territory = await f.territory(db, "Territoire d'essai des invitations");
  const structure = await f.structure(db, { name: "Association d'essai <des invitations>", territory_id: territory.id });
  structureId = structure.id;
  const structureAdmin = await f.user(db, [{ structure_id: structureId, role: "structure_admin" }], { name: "Admin Fictive" });
  adminEmail = structureAdmin.email;
  admin = await loginAs(t.app, adminEmail);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function invite(email: string, role = "professional", name?: string) {
  const res = await admin.post(`/api/v1/structures/${structureId}/invitations`, { email, role, ...(name ? { name } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  await runDueJobs(t.database.db, t.app.deps.config);
  const mail = smtp.to(email).at(-1);
  expect(mail, `a mail to ${email}`).toBeDefined();
  return { invitation: res.json(), mail: mail!, token: linkToken(mail!.text, "invitation") };
}

describe("inviting by e-mail", () => {
  it("sends a French mail with the one-time link and nothing sensitive", async () => {
    const { invitation, mail, token } = await invite("invitee.one@test.spie.example.org", "professional", "Invitée Fictive");
    expect(invitation).toMatchObject({ email: "invitee.one@test.spie.example.org", role: "professional", status: "pending", invited_by: { name: "Admin Fictive" } });
    expect(mail.from).toContain("spie@test.spie.example.org");
    expect(mail.subject).toBe("Invitation à rejoindre Association d'essai <des invitations> sur spie");
    expect(mail.text).toContain(`https://spie.test.example.org/invitation/${token}`);
    expect(mail.text).toContain("Professionnel·le");
    expect(mail.html).toContain(`href="https://spie.test.example.org/invitation/${token}"`);
    expect(mail.html).toContain("Association d&#39;essai &lt;des invitations&gt;");
    expect(mail.html).not.toContain("<des invitations>");
    for (const body of [mail.text, mail.html]) {
      expect(body).not.toMatch(/mot de passe\s*:|password/i);
      expect(body).not.toContain(adminEmail);
    }
    // Stored as SHA-256 only; the message keeps no link once sent.
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.token_hash).not.toBe(token);
    const [message] = await t.database.db.select().from(messages).where(eq(messages.related_id, invitation.id));
    expect(message).toMatchObject({ status: "sent", data: null, template: "invitation", related_type: "invitation" });
    expect(message!.sent_at).not.toBeNull();
  });

  it("shows the invitation, then accepting sets the password and signs in; the link works once", async () => {
    const { token } = await invite("invitee.two@test.spie.example.org", "structure_admin", "Deux Fictive");
    const visitor = anonymous(t.app);
    const shown = await visitor.get(`/api/v1/invitations/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ email: "invitee.two@test.spie.example.org", role: "structure_admin", structure: { id: structureId }, account_exists: false });
    expect(await t.database.db.select().from(users).where(eq(users.email, "invitee.two@test.spie.example.org"))).toEqual([]);

    const short = await visitor.post(`/api/v1/invitations/${token}/accept`, { password: "court" });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe("password");

    const accepted = await visitor.post(`/api/v1/invitations/${token}/accept`, { password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { email: "invitee.two@test.spie.example.org", name: "Deux Fictive" }, memberships: [{ role: "structure_admin", structure: { id: structureId } }] });
    const cookie = accepted.cookies.find((c) => c.name === "spie_session");
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: `spie_session=${cookie!.value}` } });
    expect(me.statusCode).toBe(200);
    await loginAs(t.app, "invitee.two@test.spie.example.org", PASSWORD);

    expect((await visitor.post(`/api/v1/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(410);
    expect((await visitor.get(`/api/v1/invitations/${token}`)).statusCode).toBe(410);
    expect((await admin.get(`/api/v1/structures/${structureId}/invitations`)).json().items.some((i: { email: string }) => i.email === "invitee.two@test.spie.example.org")).toBe(false);
  });

  it("refuses an expired link, and an unknown one", async () => {
    const { invitation, token } = await invite("invitee.three@test.spie.example.org");
    await t.database.db.update(invitations).set({ expires_at: new Date(Date.now() - 1000) }).where(eq(invitations.id, invitation.id));
    expect((await anonymous(t.app).get(`/api/v1/invitations/${token}`)).statusCode).toBe(410);
    expect((await anonymous(t.app).post(`/api/v1/invitations/${token}/accept`, { password: PASSWORD, name: "Trois Fictive" })).statusCode).toBe(410);
    expect((await admin.get(`/api/v1/structures/${structureId}/invitations`)).json().items.find((i: { id: string }) => i.id === invitation.id).status).toBe("expired");
    expect((await anonymous(t.app).get(`/api/v1/invitations/${"x".repeat(43)}`)).statusCode).toBe(404);
    expect(await t.database.db.select().from(users).where(eq(users.email, "invitee.three@test.spie.example.org"))).toEqual([]);
  });

  it("resends with a new link (the old one stops working) and revokes", async () => {
    const { invitation, token: first } = await invite("invitee.four@test.spie.example.org", "professional", "Quatre Fictive");
    const resent = await admin.post(`/api/v1/structures/${structureId}/invitations/${invitation.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    await runDueJobs(t.database.db, t.app.deps.config);
    const second = linkToken(smtp.to("invitee.four@test.spie.example.org").at(-1)!.text, "invitation");
    expect(second).not.toBe(first);
    expect((await anonymous(t.app).get(`/api/v1/invitations/${first}`)).statusCode).toBe(404);
    expect((await anonymous(t.app).get(`/api/v1/invitations/${second}`)).statusCode).toBe(200);

    expect((await admin.delete(`/api/v1/structures/${structureId}/invitations/${invitation.id}`)).statusCode).toBe(204);
    expect((await anonymous(t.app).post(`/api/v1/invitations/${second}/accept`, { password: PASSWORD })).statusCode).toBe(410);
    expect((await admin.post(`/api/v1/structures/${structureId}/invitations/${invitation.id}/resend`)).statusCode).toBe(404);
  });

  it("attaches an existing account only with its consent, signed in as itself", async () => {
    const db = t.database.db;
    const other = await f.structure(db, { name: "Autre structure d'essai" });
    const existing = await f.user(db, [{ structure_id: other.id, role: "professional" }], { name: "Déjà Fictive" });
    const { token } = await invite(existing.email);
    expect((await anonymous(t.app).get(`/api/v1/invitations/${token}`)).json().account_exists).toBe(true);
    // Without signing in, even with a password: refused, nothing attached.
    expect((await anonymous(t.app).post(`/api/v1/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(403);
    // Signed in as someone else: refused.
    const someoneElse = await f.user(db, [], { name: "Autre Fictive" });
    expect((await (await loginAs(t.app, someoneElse.email)).post(`/api/v1/invitations/${token}/accept`, {})).statusCode).toBe(403);
    expect((await db.select().from(memberships).where(eq(memberships.user_id, existing.id))).length).toBe(1);
    const self = await loginAs(t.app, existing.email);
    const res = await self.post(`/api/v1/invitations/${token}/accept`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().memberships.map((m: { structure: { id: string } }) => m.structure.id).sort()).toEqual([other.id, structureId].sort());
  });

  it("refuses a new account's acceptance while signed in as another account", async () => {
    const { token } = await invite("invitee.five@test.spie.example.org", "professional", "Cinq Fictive");
    expect((await admin.post(`/api/v1/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(409);
  });

  it("lets only those who may grant the role invite with it", async () => {
    const pro = await f.user(t.database.db, [{ structure_id: structureId, role: "professional" }]);
    const proClient = await loginAs(t.app, pro.email);
    expect((await proClient.post(`/api/v1/structures/${structureId}/invitations`, { email: "jamais@test.spie.example.org", role: "professional" })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/structures/${structureId}/invitations`, { email: "jamais@test.spie.example.org", role: "coordinator" })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/structures/${structureId}/invitations`, { email: adminEmail, role: "professional" })).statusCode).toBe(403);
    expect(smtp.to("jamais@test.spie.example.org")).toEqual([]);
  });
});
