import { describe, expect, it } from "vitest";
import { publicsForPerson } from "./service-publics.ts";

const today = "2026-11-28";

describe("the publics a person belongs to (service picker)", () => {
  it("a 39-year-old without RQTH: no service reserved to the young, the seniors or people with a disability", () => {
    const r = publicsForPerson({ birth_date: "1987-05-01", situation_flags: ["parent_isole"] }, today);
    expect(r.age).toBe(39);
    expect(r.publics).not.toContain("jeunes");
    expect(r.publics).not.toContain("seniors");
    expect(r.publics).not.toContain("personnes-en-situation-de-handicap");
    expect(r.publics).toEqual(expect.arrayContaining(["tous-publics", "beneficiaires-des-minimas-sociaux", "femmes", "familles", "demandeurs-emploi"]));
    expect(r.excluded.map((e) => e.reason)).toContain("réservés aux jeunes (39 ans)");
  });

  it("a 22-year-old with RQTH: the young and disability publics are kept", () => {
    const r = publicsForPerson({ birth_date: "2004-11-29", situation_flags: ["rqth"] }, today);
    expect(r.age).toBe(21);
    expect(r.publics).toEqual(expect.arrayContaining(["jeunes", "personnes-en-situation-de-handicap"]));
    expect(r.publics).not.toContain("seniors");
  });

  it("the young public ends at 25 included (the day before the 26th birthday)", () => {
    expect(publicsForPerson({ birth_date: "2000-11-29", situation_flags: [] }, today).publics).toContain("jeunes");
    expect(publicsForPerson({ birth_date: "2000-11-28", situation_flags: [] }, today).publics).not.toContain("jeunes");
    expect(publicsForPerson({ birth_date: "1960-01-01", situation_flags: [] }, today).publics).toContain("seniors");
  });
});
