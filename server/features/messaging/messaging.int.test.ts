// The messaging layer: retries through the durable queue when the SMTP server refuses, then
// "failed" with the error; without SMTP_URL, messages stay in the outbox that platform admins list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { jobs } from "../../jobs/jobs.tables.ts";
import { loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { runDueJobs, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { MESSAGE_JOB, MESSAGE_MAX_ATTEMPTS, sendMessage } from "./messaging.ts";
import { messages } from "./messaging.tables.ts";
import { escapeHtml, render } from "./templates.ts";

describe("sending through a refusing SMTP server", () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await testApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("retries with back-off, then marks the message failed with the error; the job's error names no address", async () => {
    const db = t.database.db;
    smtp.refuse = true;
    const to = "refus.fictif@test.spie.example.org";
    const id = await sendMessage(db, { channel: "email", to, template: "password_reset", data: { link: "https://spie.test.example.org/mot-de-passe/jeton-fictif" } });
    await runDueJobs(db, t.app.deps.config);
    let [message] = await db.select().from(messages).where(eq(messages.id, id));
    expect(message).toMatchObject({ status: "queued", attempts: 1 });
    expect(message!.last_error).toMatch(/552|Boîte pleine/);
    const [job] = await db.select().from(jobs).where(eq(jobs.name, MESSAGE_JOB));
    expect(job!.run_at.getTime()).toBeGreaterThan(Date.now()); // back-off: not retried at once
    expect(job!.last_error).toContain(id);
    expect(job!.last_error).not.toContain(to);

    for (let i = 1; i < MESSAGE_MAX_ATTEMPTS; i++) {
      await db.update(jobs).set({ run_at: new Date(0) }).where(eq(jobs.id, job!.id));
      await runDueJobs(db, t.app.deps.config);
    }
    [message] = await db.select().from(messages).where(eq(messages.id, id));
    expect(message).toMatchObject({ status: "failed", attempts: MESSAGE_MAX_ATTEMPTS, sent_at: null });
    expect((await db.select().from(jobs).where(eq(jobs.id, job!.id)))[0]!.failed_at).not.toBeNull();
    expect(smtp.to(to)).toEqual([]);

    // The server accepts again: a new message goes out.
    smtp.refuse = false;
    await sendMessage(db, { channel: "email", to, template: "password_reset", data: { link: "https://spie.test.example.org/mot-de-passe/autre-jeton" } });
    await runDueJobs(db, t.app.deps.config);
    expect(smtp.to(to)).toHaveLength(1);
  });
});

describe("without SMTP_URL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t?.close());

  it("keeps messages in the outbox, listed for platform admins only, without their content", async () => {
    const db = t.database.db;
    expect(t.app.deps.config.smtpUrl).toBeUndefined();
    const id = await sendMessage(db, { channel: "email", to: "Boite.Envoi@test.spie.example.org", template: "password_reset", data: { link: "https://spie.test.example.org/mot-de-passe/jeton-secret-fictif" }, related: { type: "password_reset", id: "00000000-0000-4000-8000-000000000001" } });
    await runDueJobs(db, t.app.deps.config);
    const [message] = await db.select().from(messages).where(eq(messages.id, id));
    expect(message!.status).toBe("outbox");
    // Kept, so it is never lost: it can still be sent once an SMTP server is configured.
    expect(message!.data).not.toBeNull();

    const admin = await loginAs(t.app, (await f.user(db, [], { is_admin: true })).email);
    const list = await admin.get("/api/v1/messages");
    expect(list.statusCode).toBe(200);
    expect(list.json().smtp_configured).toBe(false);
    const item = list.json().items.find((m: { id: string }) => m.id === id);
    expect(item).toMatchObject({ recipient: "boite.envoi@test.spie.example.org", template: "password_reset", template_label: "Mot de passe oublié", status: "outbox", related: { type: "password_reset" } });
    expect(list.body).not.toContain("jeton-secret-fictif");
    expect((await admin.get("/api/v1/messages?status=sent")).json().items).toEqual([]);

    const structure = await f.structure(db);
    const structureAdmin = await loginAs(t.app, (await f.user(db, [{ structure_id: structure.id, role: "structure_admin" }])).email);
    expect((await structureAdmin.get("/api/v1/messages")).statusCode).toBe(403);
  });
});

describe("templates", () => {
  it("escape every variable in HTML and refuse missing ones", () => {
    const mail = render("invitation", { structure: `<img src=x onerror="alert(1)">`, role: "Professionnel·le", link: "https://spie.test.example.org/invitation/abc?x=1&y=2", expires: "1 janvier" });
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(escapeHtml(`<img src=x onerror="alert(1)">`));
    expect(mail.html).toContain('href="https://spie.test.example.org/invitation/abc?x=1&amp;y=2"');
    expect(mail.html).toMatch(/<html lang="fr">/);
    expect(() => render("invitation", { structure: "S" })).toThrow(/role, link, expires/);
    expect(() => render("inconnu", {})).toThrow();
  });
});
