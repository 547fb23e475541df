// A small fictional territory for the pathway tests: two structures of the Aisne, a professional
// in each, a coordinator, a professional and a coordinator elsewhere, all logged in.
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { loginAs, type Client, type TestApp } from "./app.ts";
import * as f from "./factories.ts";

export interface PathwayWorld {
  aisne: { id: string };
  elsewhere: { id: string };
  cd: { id: string; name: string };
  ml: { id: string; name: string };
  /** Professional of the CD, référent of the people she creates. */
  alice: Client;
  aliceUser: Awaited<ReturnType<typeof f.user>>;
  /** Professional of the Mission locale (joins teams when asked). */
  bruno: Client;
  brunoUser: Awaited<ReturnType<typeof f.user>>;
  /** Coordinator of the Aisne. */
  coord: Client;
  coordUser: Awaited<ReturnType<typeof f.user>>;
  /** Professional in another territory. */
  outsider: Client;
  coordElsewhere: Client;
  /** Creates a person as Alice (référent) and returns its id. */
  person(values?: Record<string, unknown>): Promise<string>;
  /** Adds Bruno to the person's team (join request approved by Alice). */
  addBruno(personId: string): Promise<void>;
  rows(table: PgTable): Promise<number>;
}

let n = 0;

export async function pathwayWorld(t: TestApp): Promise<PathwayWorld> {
  const db = t.database.db;
  const tag = ++n;
  const aisne = await f.territory(db, `Aisne parcours ${tag}`, [{ kind: "departement", code: "02" }]);
  const elsewhere = await f.territory(db, `Ailleurs parcours ${tag}`, [{ kind: "departement", code: "976" }]);
  const cd = await f.structure(db, { name: `Conseil départemental fictif ${tag}`, territory_id: aisne.id });
  const ml = await f.structure(db, { name: `Mission locale fictive ${tag}`, territory_id: aisne.id });
  const far = await f.structure(db, { name: `Structure lointaine ${tag}`, territory_id: elsewhere.id });
  const aliceUser = await f.user(db, [{ structure_id: cd.id, role: "professional" }], { name: "Alice Fictive" });
  const brunoUser = await f.user(db, [{ structure_id: ml.id, role: "professional" }], { name: "Bruno Fictif" });
  const coordUser = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }], { name: "Claude Coordination" });
  const outsiderUser = await f.user(db, [{ structure_id: far.id, role: "professional" }]);
  const coordElsewhereUser = await f.user(db, [{ structure_id: far.id, role: "coordinator" }]);
  const [alice, bruno, coord, outsider, coordElsewhere] = (await Promise.all(
    [aliceUser, brunoUser, coordUser, outsiderUser, coordElsewhereUser].map((u) => loginAs(t.app, u.email)),
  )) as [Client, Client, Client, Client, Client];
  let people = 0;
  return {
    aisne,
    elsewhere,
    cd: { id: cd.id, name: cd.name },
    ml: { id: ml.id, name: ml.name },
    alice,
    aliceUser,
    bruno,
    brunoUser,
    coord,
    coordUser,
    outsider,
    coordElsewhere,
    async person(values = {}) {
      const res = await alice.post("/api/v1/people", {
        first_names: "Personne",
        last_name: `Parcours-${tag}-${++people}`,
        birth_date: "1990-01-10",
        address: { commune_code: "02408" },
        territory_id: aisne.id,
        // "Parcours-…-1", "Parcours-…-2": near-duplicates by name (issue 9), created knowingly.
        confirm_not_duplicate: true,
        ...values,
      });
      if (res.statusCode !== 201) throw new Error(`person: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    },
    async addBruno(personId) {
      const ask = await bruno.post(`/api/v1/people/${personId}/join-requests`, {});
      const ok = await alice.post(`/api/v1/join-requests/${ask.json().id}/decision`, { decision: "approve" });
      if (ok.statusCode !== 200) throw new Error(`addBruno: ${ok.statusCode} ${ok.body}`);
    },
    async rows(table) {
      const [row] = await db.select({ n: count() }).from(table);
      return row!.n;
    },
  };
}
