// The rules of unmet needs, without a database: who reads, corrects and closes a need.
import { describe, expect, it } from "vitest";
import type { Actor, ActorMembership } from "./actor.ts";
import { mayReadUnmetNeedCounts, mayRecordUnmetNeed, unmetNeedPermissions } from "./unmet-needs.ts";

const T = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function actor(id: string, roles: [ActorMembership["role"], string | null][], is_admin = false): Actor {
  return {
    user_id: id,
    name: id,
    email: `${id}@test.spie.example.org`,
    is_admin,
    memberships: roles.map(([role, territory], i) => ({ id: `${id}-m${i}`, structure_id: `s${i}`, structure_name: "Structure fictive", role, territory_id: territory, territory_name: territory ? "Territoire fictif" : null })),
    via: "session",
    session_id: null,
    csrf_token: null,
    token_id: null,
  };
}

const need = (status = "open") => ({ created_by_user_id: "author", territory_id: T, status });

describe("unmet needs policy", () => {
  it("lets those who accompany people record, never steering, structure admins or platform admins", () => {
    expect(mayRecordUnmetNeed(actor("pro", [["professional", T]]))).toBe(true);
    expect(mayRecordUnmetNeed(actor("coord", [["coordinator", T]]))).toBe(true);
    expect(mayRecordUnmetNeed(actor("pilot", [["steering", T]]))).toBe(false);
    expect(mayRecordUnmetNeed(actor("sa", [["structure_admin", T]]))).toBe(false);
    expect(mayRecordUnmetNeed(actor("admin", [["coordinator", T]], true))).toBe(false);
  });

  it("the author corrects and closes while open; the territory's coordinator closes; steering only reads", () => {
    expect(unmetNeedPermissions(actor("author", [["professional", T]]), need())).toEqual({ read: true, read_author: true, update: true, close: true });
    expect(unmetNeedPermissions(actor("author", [["professional", T]]), need("solved"))).toEqual({ read: true, read_author: true, update: false, close: false });
    expect(unmetNeedPermissions(actor("coord", [["coordinator", T]]), need())).toEqual({ read: true, read_author: true, update: false, close: true });
    expect(unmetNeedPermissions(actor("pilot", [["steering", T]]), need())).toEqual({ read: true, read_author: false, update: false, close: false });
    expect(unmetNeedPermissions(actor("far", [["coordinator", OTHER]]), need()).read).toBe(false);
    expect(unmetNeedPermissions(actor("pro", [["professional", T]]), need()).read).toBe(false);
    expect(unmetNeedPermissions(actor("author", [["coordinator", T]], true), need()).read).toBe(false);
  });

  it("counts: coordinators and steering of the territory only", () => {
    expect(mayReadUnmetNeedCounts(actor("coord", [["coordinator", T]]), T)).toBe(true);
    expect(mayReadUnmetNeedCounts(actor("pilot", [["steering", T]]), T)).toBe(true);
    expect(mayReadUnmetNeedCounts(actor("pilot", [["steering", T]]), OTHER)).toBe(false);
    expect(mayReadUnmetNeedCounts(actor("pro", [["professional", T]]), T)).toBe(false);
    expect(mayReadUnmetNeedCounts(actor("admin", [["coordinator", T]], true), T)).toBe(false);
  });
});
