import { describe, it, expect } from "vitest";
import { isValidSiret } from "../../../common/domain/identifiers.ts";
import { RSA_STATUSES, SITUATION_FLAGS } from "../../../common/domain/person.ts";
import { MEMBERSHIP_ROLES } from "../../../common/domain/roles.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import { PERIMETER_KINDS } from "../../../common/schemas/territories.ts";
import { communeInPerimeter, getCommune, isValidPerimeter } from "../territories/geography.ts";
import { isStructureType } from "../structures/structure-types.ts";
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_STRUCTURES, DEMO_TERRITORIES, DEMO_USERS, type DemoTerritory } from "./demo-data.ts";

function uniqueKeys(items: readonly { key: string }[]): boolean {
  return new Set(items.map((i) => i.key)).size === items.length;
}

const territoryByKey = new Map(DEMO_TERRITORIES.map((t) => [t.key, t]));
const structureByKey = new Map(DEMO_STRUCTURES.map((s) => [s.key, s]));
const userByKey = new Map(DEMO_USERS.map((u) => [u.key, u]));

function territoryOf(key: string): DemoTerritory {
  const territory = territoryByKey.get(key);
  if (!territory) throw new Error(`unknown territory ${key}`);
  return territory;
}

function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}

describe("demo territories", () => {
  it("are the five seed territories, with valid official perimeters", () => {
    expect(DEMO_TERRITORIES.map((t) => t.key)).toEqual(["aisne", "mayotte", "pyrenees-orientales", "pays-ajaccien", "bretagne"]);
    expect(uniqueKeys(DEMO_TERRITORIES)).toBe(true);
    expect(new Set(DEMO_TERRITORIES.map((t) => t.name)).size).toBe(DEMO_TERRITORIES.length);
    for (const t of DEMO_TERRITORIES) {
      expect(t.perimeter.length, t.key).toBeGreaterThan(0);
      for (const p of t.perimeter) {
        expect(PERIMETER_KINDS, t.key).toContain(p.kind);
        expect(isValidPerimeter(p.kind, p.code), `${t.key} ${p.kind} ${p.code}`).toBe(true);
      }
    }
    expect(territoryOf("pays-ajaccien").perimeter).toEqual([{ kind: "epci", code: "242010056" }]);
    expect(territoryOf("bretagne").perimeter).toEqual([{ kind: "region", code: "53" }]);
  });
});

describe("demo structures", () => {
  it("have unique keys and names, and 4 to 8 structures per territory", () => {
    expect(uniqueKeys(DEMO_STRUCTURES)).toBe(true);
    expect(new Set(DEMO_STRUCTURES.map((s) => normalizeName(s.name))).size).toBe(DEMO_STRUCTURES.length);
    expect(DEMO_STRUCTURES.length).toBeGreaterThanOrEqual(25);
    expect(DEMO_STRUCTURES.length).toBeLessThanOrEqual(35);
    for (const t of DEMO_TERRITORIES) {
      const count = DEMO_STRUCTURES.filter((s) => s.territory_key === t.key).length;
      expect(count, t.key).toBeGreaterThanOrEqual(4);
      expect(count, t.key).toBeLessThanOrEqual(8);
    }
  });

  it("reference existing territories, communes inside them and their postal codes", () => {
    for (const s of DEMO_STRUCTURES) {
      const territory = territoryOf(s.territory_key);
      const commune = getCommune(s.commune_code);
      expect(commune, `${s.key} ${s.commune_code}`).toBeDefined();
      expect(commune?.postal_codes, s.key).toContain(s.postal_code);
      expect(communeInPerimeter(s.commune_code, territory.perimeter), `${s.key} in ${territory.key}`).toBe(true);
    }
  });

  it("have a type of the réseaux porteurs referential, or null", () => {
    for (const s of DEMO_STRUCTURES) {
      if (s.type !== null) expect(isStructureType(s.type), `${s.key}: ${s.type}`).toBe(true);
    }
    expect(DEMO_STRUCTURES.some((s) => s.type === null)).toBe(true);
  });

  it("carry no real identifiers or contact data", () => {
    for (const s of DEMO_STRUCTURES) {
      expect(s.siret, s.key).toBeNull();
      expect(s.street, s.key).toBeNull();
      expect(s.email, s.key).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.example\.org$/);
      if (s.phone !== null) expect(s.phone).toMatch(/^01 99 00 \d\d \d\d$/);
    }
    expect(DEMO_STRUCTURES.every((s) => s.siret === null || !isValidSiret(s.siret))).toBe(true);
  });

  it("flag only structures whose name reveals sensitive information, among them a SPIP in the Aisne", () => {
    const sensitive = DEMO_STRUCTURES.filter((s) => s.sensitive);
    expect(sensitive.some((s) => s.territory_key === "aisne" && s.type === "spip")).toBe(true);
    for (const s of sensitive) expect(s.type, s.key).toBe("spip");
    for (const s of DEMO_STRUCTURES.filter((x) => x.type === "spip")) expect(s.sensitive, s.key).toBe(true);
  });

  it("name the consortium members of the seeds", () => {
    const names = DEMO_STRUCTURES.map((s) => normalizeName(s.name));
    for (const expected of ["conseil departemental de l aisne", "mission locale de laon", "ccas de chauny", "adie mayotte", "cap emploi 66", "cias du pays ajaccien", "plie de rennes metropole", "plie de brest metropole"]) {
      expect(names.some((n) => n.startsWith(expected)), expected).toBe(true);
    }
  });
});

describe("demo users", () => {
  it("have unique keys and e-mails on the demo domain, and obviously fictional names", () => {
    expect(uniqueKeys(DEMO_USERS)).toBe(true);
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      expect(u.email, u.key).toMatch(/^[a-z0-9.-]+@demo\.spie\.example\.org$/);
      expect(normalizeName(u.name), u.key).toMatch(/\b(demo|exemple|fictif|essai|test)\b/);
    }
    expect(DEMO_PASSWORD).toBe("spie-demo-2026");
  });

  it("have valid roles in existing structures, and no duplicate membership", () => {
    for (const u of DEMO_USERS) {
      const seen = new Set<string>();
      for (const m of u.memberships) {
        expect(structureByKey.has(m.structure_key), `${u.key} → ${m.structure_key}`).toBe(true);
        expect(MEMBERSHIP_ROLES, u.key).toContain(m.role);
        const id = `${m.structure_key}/${m.role}`;
        expect(seen.has(id), `${u.key} ${id}`).toBe(false);
        seen.add(id);
      }
    }
  });

  it("cover the demo scenarios", () => {
    const admins = DEMO_USERS.filter((u) => u.is_admin);
    expect(admins).toHaveLength(1);
    expect(admins[0]?.email.startsWith("admin@")).toBe(true);
    expect(admins[0]?.memberships).toEqual([]);

    const inAisne = (role: string) =>
      DEMO_USERS.filter((u) => u.memberships.some((m) => m.role === role && structureByKey.get(m.structure_key)?.territory_key === "aisne"));
    expect(inAisne("professional").length).toBeGreaterThanOrEqual(2);
    expect(inAisne("coordinator").map((u) => u.memberships[0]?.structure_key)).toContain("aisne-departement");
    expect(inAisne("structure_admin").some((u) => u.memberships.some((m) => m.structure_key === "aisne-mission-locale-laon" && m.role === "structure_admin"))).toBe(true);
    expect(inAisne("steering").length).toBeGreaterThanOrEqual(1);
    expect(DEMO_USERS.some((u) => u.memberships.length >= 2 && u.memberships.some((m) => m.role === "professional"))).toBe(true);

    for (const t of DEMO_TERRITORIES.filter((x) => x.key !== "aisne")) {
      const professionals = DEMO_USERS.filter((u) => u.memberships.some((m) => m.role === "professional" && structureByKey.get(m.structure_key)?.territory_key === t.key));
      expect(professionals.length, t.key).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("demo people", () => {
  it("have unique keys, fictional names and fake CAF numbers", () => {
    expect(uniqueKeys(DEMO_PEOPLE)).toBe(true);
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(20);
    for (const p of DEMO_PEOPLE) {
      expect(p.last_name, p.key).toMatch(/^(EXEMPLE|FICTIF|DÉMO|ESSAI|TEST-[A-Z]+|SPÉCIMEN|MODÈLE|MAQUETTE|FACTICE)$/);
      expect(p.caf_number, p.key).toMatch(/^DEMO[0-9A-Z]{1,16}$/);
      expect(p.first_names.trim(), p.key).not.toBe("");
    }
    expect(new Set(DEMO_PEOPLE.map((p) => p.caf_number)).size).toBe(DEMO_PEOPLE.length);
    const identities = DEMO_PEOPLE.map((p) => `${normalizeName(p.first_names)}|${normalizeName(p.last_name)}|${p.birth_date}`);
    expect(new Set(identities).size).toBe(identities.length);
  });

  it("are adults of working age (18-64)", () => {
    const today = new Date();
    for (const p of DEMO_PEOPLE) {
      expect(p.birth_date, p.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const age = ageOn(p.birth_date, today);
      expect(age, p.key).toBeGreaterThanOrEqual(18);
      expect(age, p.key).toBeLessThanOrEqual(64);
    }
  });

  it("live in a real commune of their territory, at one of its postal codes", () => {
    for (const p of DEMO_PEOPLE) {
      const commune = getCommune(p.commune_code);
      expect(commune, `${p.key} ${p.commune_code}`).toBeDefined();
      expect(commune?.postal_codes, p.key).toContain(p.postal_code);
      expect(communeInPerimeter(p.commune_code, territoryOf(p.territory_key).perimeter), `${p.key} in ${p.territory_key}`).toBe(true);
    }
    for (const t of DEMO_TERRITORIES) expect(DEMO_PEOPLE.some((p) => p.territory_key === t.key), t.key).toBe(true);
  });

  it("have valid RSA data: a recent right for most, some older than the 6-week deadline", () => {
    const today = new Date().toISOString().slice(0, 10);
    const sixWeeksAgo = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
    for (const p of DEMO_PEOPLE) {
      if (p.rsa_status !== null) expect(RSA_STATUSES, p.key).toContain(p.rsa_status);
      if (p.rsa_right_opened_on !== null) {
        expect(p.rsa_right_opened_on, p.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.rsa_right_opened_on <= today, p.key).toBe(true);
        expect(p.rsa_right_opened_on > p.birth_date, p.key).toBe(true);
      }
      expect(new Set(p.situation_flags).size, p.key).toBe(p.situation_flags.length);
      for (const flag of p.situation_flags) expect(SITUATION_FLAGS, p.key).toContain(flag);
    }
    const opened = DEMO_PEOPLE.filter((p) => p.rsa_right_opened_on !== null);
    expect(opened.filter((p) => (p.rsa_right_opened_on ?? "") < sixWeeksAgo).length).toBeGreaterThanOrEqual(3);
    expect(opened.filter((p) => (p.rsa_right_opened_on ?? "") >= sixWeeksAgo).length).toBeGreaterThanOrEqual(3);
  });

  it("each have a team with exactly one referent, through a professional membership in their territory", () => {
    for (const p of DEMO_PEOPLE) {
      expect(p.team.filter((m) => m.referent), p.key).toHaveLength(1);
      expect(new Set(p.team.map((m) => m.user_key)).size, p.key).toBe(p.team.length);
      for (const m of p.team) {
        const user = userByKey.get(m.user_key);
        expect(user, `${p.key} → ${m.user_key}`).toBeDefined();
        expect(user?.memberships.some((x) => x.structure_key === m.structure_key && x.role === "professional"), `${p.key} → ${m.user_key} @ ${m.structure_key}`).toBe(true);
        expect(structureByKey.get(m.structure_key)?.territory_key, p.key).toBe(p.territory_key);
      }
    }
  });

  it("are mostly followed by the Aisne professionals, some by two structures", () => {
    const aisneProfessionals = ["aisne-social-worker", "aisne-ml-professional"];
    const followedInAisne = DEMO_PEOPLE.filter((p) => p.team.some((m) => aisneProfessionals.includes(m.user_key)));
    expect(followedInAisne.length * 2).toBeGreaterThan(DEMO_PEOPLE.length);
    const twoStructures = DEMO_PEOPLE.filter((p) => new Set(p.team.map((m) => m.structure_key)).size >= 2);
    expect(twoStructures.length).toBeGreaterThanOrEqual(2);
    const otherTerritories = DEMO_PEOPLE.filter((p) => p.territory_key !== "aisne");
    expect(otherTerritories.length).toBeGreaterThanOrEqual(4);
  });
});
