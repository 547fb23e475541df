// Loads the demo data set (obviously fictional people and accounts) into an empty database.
import { count } from "drizzle-orm";
import { MEMBERSHIP_ROLE_LABELS } from "../../../common/domain/roles.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { insertUser } from "../auth/auth.repository.ts";
import { hashPassword } from "../auth/passwords.ts";
import { insertTeamMember, insertPerson } from "../people/people.repository.ts";
import { person_events } from "../people/people.tables.ts";
import { nameKeys } from "../people/people.service.ts";
import { insertMembership, insertStructure } from "../structures/structures.repository.ts";
import { insertTerritory } from "../territories/territories.repository.ts";
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_STRUCTURES, DEMO_TERRITORIES, DEMO_USERS } from "./demo-data.ts";
import { seedDemoServices } from "./demo-services.ts";
import { seedDemoPathway } from "./demo-pathway.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export interface SeedResult {
  seeded: boolean;
  logins: { email: string; name: string; roles: string }[];
}

export function demoLogins(): SeedResult["logins"] {
  const structureName = new Map(DEMO_STRUCTURES.map((s) => [s.key, s.name]));
  return DEMO_USERS.map((u) => ({
    email: u.email,
    name: u.name,
    roles: u.is_admin ? "administrateur·rice de la plateforme" : u.memberships.map((m) => `${MEMBERSHIP_ROLE_LABELS[m.role]} · ${structureName.get(m.structure_key)}`).join(", "),
  }));
}

/** Seeds the demo data set unless the database already has accounts. */
export async function seedDemo(db: Db): Promise<SeedResult> {
  if (!(await isEmpty(db))) return { seeded: false, logins: demoLogins() };
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const territoryIds = new Map<string, string>();
    for (const t of DEMO_TERRITORIES) territoryIds.set(t.key, await insertTerritory(tx, t.name, t.perimeter));
    const structureIds = new Map<string, string>();
    for (const s of DEMO_STRUCTURES) {
      const row = await insertStructure(tx, {
        name: s.name,
        siret: s.siret,
        type: s.type,
        street: s.street,
        postal_code: s.postal_code,
        commune_code: s.commune_code,
        email: s.email,
        phone: s.phone,
        territory_id: territoryIds.get(s.territory_key)!,
        sensitive: s.sensitive,
      });
      structureIds.set(s.key, row.id);
    }
    await seedDemoServices(tx, structureIds);
    const userIds = new Map<string, string>();
    const membershipIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const row = await insertUser(tx, { email: u.email, name: u.name, password_hash: hash, is_admin: u.is_admin });
      userIds.set(u.key, row.id);
      for (const m of u.memberships) {
        const membership = await insertMembership(tx, { user_id: row.id, structure_id: structureIds.get(m.structure_key)!, role: m.role });
        membershipIds.set(`${u.key}/${m.structure_key}/${m.role}`, membership.id);
      }
    }
    const personIds = new Map<string, string>();
    for (const p of DEMO_PEOPLE) {
      const referent = p.team.find((m) => m.referent)!;
      const person = await insertPerson(tx, {
        first_names: p.first_names,
        last_name: p.last_name,
        birth_name: p.birth_name,
        birth_date: p.birth_date,
        ...nameKeys(p),
        postal_code: p.postal_code,
        commune_code: p.commune_code,
        caf_number: p.caf_number,
        rsa_right_opened_on: p.rsa_right_opened_on,
        rsa_status: p.rsa_status,
        situation_flags: [...p.situation_flags],
        territory_id: territoryIds.get(p.territory_key)!,
        created_by: userIds.get(referent.user_key)!,
      });
      personIds.set(p.key, person.id);
      for (const member of p.team) {
        const membershipId =
          membershipIds.get(`${member.user_key}/${member.structure_key}/professional`) ?? membershipIds.get(`${member.user_key}/${member.structure_key}/coordinator`);
        if (!membershipId) throw new Error(`demo data: ${member.user_key} has no accompanying membership in ${member.structure_key}`);
        await insertTeamMember(tx, { person_id: person.id, user_id: userIds.get(member.user_key)!, membership_id: membershipId, structure_id: structureIds.get(member.structure_key)!, is_referent: member.referent });
        if (member.referent) {
          await tx.insert(person_events).values({ person_id: person.id, type: "person_created", actor_user_id: userIds.get(member.user_key)!, actor_membership_id: membershipId, data: {} });
        }
      }
    }
    await seedDemoPathway(tx, { personIds, userIds, membershipIds, structureIds });
    await refreshDeadlines(tx, [...personIds.values()]);
  });
  return { seeded: true, logins: demoLogins() };
}
