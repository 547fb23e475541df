// The tables at the top of roles.ts and structures.ts, checked row by row on fictional actors.
import { describe, expect, it } from "vitest";
import type { MembershipRole } from "../../common/domain/roles.ts";
import type { Actor } from "./actor.ts";
import { actingMemberships, mayChangeRole, mayChangeStructureTerritory, mayEndMembership, mayGrantRole } from "./roles.ts";
import { hiddenStructureIds, maySeeStructure } from "./structures.ts";

const S = "structure-ml";
const T = "territory-aisne";

function actor(id: string, memberships: [string, MembershipRole, string | null][], isAdmin = false): Actor {
  return {
    user_id: id,
    name: "Fictif",
    email: `${id}@test.spie.example.org`,
    is_admin: isAdmin,
    memberships: memberships.map(([structure, role, territory], i) => ({ id: `${id}-m${i}`, structure_id: structure, structure_name: structure, role, territory_id: territory, territory_name: territory })),
    via: "session",
    session_id: null,
    csrf_token: null,
    token_id: null,
  };
}

const admin = actor("admin", [], true);
const structureAdmin = actor("sa", [[S, "structure_admin", T]]);
const coordinator = actor("coord", [[S, "coordinator", T]]);
const other = { user_id: "other", is_admin: false };
const ROLES: MembershipRole[] = ["professional", "structure_admin", "coordinator", "steering"];

describe("granting roles", () => {
  it("territory roles: platform admins only; structure roles: also the structure's admins", () => {
    const allowed = (a: Actor) => ROLES.filter((r) => mayGrantRole(a, S, r, other).allowed);
    expect(allowed(admin)).toEqual(ROLES);
    expect(allowed(structureAdmin)).toEqual(["professional", "structure_admin"]);
    expect(allowed(coordinator)).toEqual([]);
    expect(ROLES.filter((r) => mayGrantRole(structureAdmin, "another-structure", r, other).allowed)).toEqual([]);
  });

  it("nobody grants a role to themself, nor to a platform admin account", () => {
    for (const a of [admin, structureAdmin]) {
      expect(mayGrantRole(a, S, "professional", { user_id: a.user_id, is_admin: a.is_admin }).allowed).toBe(false);
      expect(mayGrantRole(a, S, "professional", { user_id: "another-admin", is_admin: true }).allowed).toBe(false);
    }
  });

  it("a role change needs both ending the old role and granting the new one, never on oneself", () => {
    const member = { user_id: "other", role: "professional" as const };
    expect(mayChangeRole(structureAdmin, S, member, "structure_admin", other).allowed).toBe(true);
    expect(mayChangeRole(structureAdmin, S, member, "steering", other).allowed).toBe(false);
    expect(mayChangeRole(structureAdmin, S, { user_id: "other", role: "coordinator" }, "professional", other).allowed).toBe(false);
    expect(mayChangeRole(structureAdmin, S, { user_id: "sa", role: "structure_admin" }, "professional", { user_id: "sa", is_admin: false }).allowed).toBe(false);
    expect(mayChangeRole(admin, S, { user_id: "other", role: "coordinator" }, "steering", other).allowed).toBe(true);
  });

  it("one may leave; ending others' territory roles is for platform admins", () => {
    expect(mayEndMembership(structureAdmin, S, { user_id: "sa", role: "structure_admin" }).allowed).toBe(true);
    expect(mayEndMembership(structureAdmin, S, { user_id: "other", role: "coordinator" }).allowed).toBe(false);
    expect(mayEndMembership(admin, S, { user_id: "other", role: "coordinator" }).allowed).toBe(true);
  });

  it("only platform admins move a structure to another territory", () => {
    expect([admin, structureAdmin, coordinator].map(mayChangeStructureTerritory)).toEqual([true, false, false]);
  });

  it("acting memberships: accompanying roles, professional first, none for platform admins", () => {
    const both = actor("both", [[S, "coordinator", T], ["cd", "professional", T], ["cd", "steering", T]]);
    expect(actingMemberships(both).map((m) => m.role)).toEqual(["professional", "coordinator"]);
    expect(actingMemberships(actor("adm", [[S, "professional", T]], true))).toEqual([]);
  });
});

describe("sensitive structures", () => {
  const spip = { id: "spip", territory_id: T, sensitive: true };
  it("are seen by admins, members, and accompanying roles of the territory only", () => {
    const seers = [admin, actor("member", [["spip", "steering", T]]), actor("pro", [[S, "professional", T]]), coordinator];
    const others = [null, structureAdmin, actor("steer", [[S, "steering", T]]), actor("far", [["mayotte", "professional", "territory-mayotte"]])];
    expect(seers.map((a) => maySeeStructure(a, spip))).toEqual([true, true, true, true]);
    expect(others.map((a) => maySeeStructure(a, spip))).toEqual([false, false, false, false]);
    expect(others.every((a) => maySeeStructure(a, { ...spip, sensitive: false }))).toBe(true);
    expect(hiddenStructureIds(null, [spip])).toEqual(["spip"]);
    expect(hiddenStructureIds(coordinator, [spip])).toEqual([]);
  });
});
