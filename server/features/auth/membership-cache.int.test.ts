// The caller's memberships are kept per session/token for a short time, and forgotten as soon as a
// membership of that user changes on this instance.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { memberships } from "../structures/structures.tables.ts";

let t: TestApp;
let structureId: string;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  const territory = await f.territory(t.database.db, "Territoire fictif du cache");
  structureId = (await f.structure(t.database.db, { name: "Structure fictive du cache", territory_id: territory.id })).id;
  const adminUser = await f.user(t.database.db, [{ structure_id: structureId, role: "structure_admin" }]);
  admin = await loginAs(t.app, adminUser.email);
});

afterAll(async () => {
  await t?.close();
});

const roles = async (client: Client) => ((await client.get("/api/v1/me")).json().memberships as { role: string }[]).map((m) => m.role).sort();

describe("the memberships of a session", () => {
  it("are cached (a change behind the app's back waits for the TTL) and forgotten on a membership change", async () => {
    const user = await f.user(t.database.db, [{ structure_id: structureId, role: "professional" }]);
    const client = await loginAs(t.app, user.email);
    expect(await roles(client)).toEqual(["professional"]);

    // Written by SQL, as another instance (or the CLI) would: not seen before the TTL (30 s).
    await t.database.db.insert(memberships).values({ user_id: user.id, structure_id: structureId, role: "steering" });
    expect(await roles(client)).toEqual(["professional"]);
    expect(await roles(await loginAs(t.app, user.email))).toEqual(["professional", "steering"]);

    // Ended through the app: forgotten at once for every session of that user.
    const professional = (await t.database.db.select().from(memberships).where(eq(memberships.user_id, user.id))).find((m) => m.role === "professional")!;
    expect((await admin.delete(`/api/v1/structures/${structureId}/members/${professional.id}`)).statusCode).toBe(204);
    expect(await roles(client)).toEqual(["steering"]);
  });
});
