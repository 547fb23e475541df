import { describe, expect, it } from "vitest";
import { frenchPrefixQuery } from "./search.ts";

describe("frenchPrefixQuery", () => {
  it("ignores accents, case, stop words and plurals; every word is a prefix", () => {
    expect(frenchPrefixQuery("Aide à la MOBILITÉ")).toBe("aide:* & mobilite:*");
    expect(frenchPrefixQuery("ateliers vélos")).toBe("atelier:* & velo:*");
    expect(frenchPrefixQuery("vélos ateliers")).toBe("velo:* & atelier:*");
  });
  it("keeps only safe characters", () => {
    expect(frenchPrefixQuery("permis & (conduire) | !:*")).toBe("permi:* & conduire:*");
    expect(frenchPrefixQuery("' ; -- ")).toBeNull();
    expect(frenchPrefixQuery("de la")).toBeNull();
  });
});

import { compareHits, distanceOf, tierOf } from "./search.ts";

describe("ranking of cached national services (same rules as the SQL)", () => {
  const commune = { code: "02408", departement: "02", epci: "200043560", keys: [] };
  const place = { code_insee: null, location_epci: null, location_departement: null, remote: false, latitude: null, longitude: null };
  it("puts the same commune first, then the EPCI, the département, elsewhere, no place, remote", () => {
    expect(tierOf({ ...place, code_insee: "02408", location_epci: "200043560", location_departement: "02" }, { commune })).toBe(0);
    expect(tierOf({ ...place, code_insee: "02020", location_epci: "200043560", location_departement: "02" }, { commune })).toBe(1);
    expect(tierOf({ ...place, code_insee: "02722", location_epci: "x", location_departement: "02" }, { commune })).toBe(2);
    expect(tierOf({ ...place, code_insee: "59350", location_departement: "59" }, { commune })).toBe(3);
    expect(tierOf(place, { commune })).toBe(4);
    expect(tierOf({ ...place, code_insee: "02408", remote: true }, { commune })).toBe(5);
    expect(tierOf({ ...place, code_insee: "02408", location_departement: "02" }, { departement: "02" })).toBe(0);
    expect(tierOf(place, {})).toBeNull();
  });
  it("orders by tier, distance, rank, name (code points), id", () => {
    const hit = (id: string, tier: number | null, dist: number | null, rank: number, nom: string) => ({ id, tier, dist, rank, nom });
    const sorted = [hit("e", 1, null, 0, "A"), hit("d", 0, null, 0, "É"), hit("c", 0, null, 0, "Z"), hit("b", 0, 5, 0, "Z"), hit("a", 0, 5, 0.5, "Z")].sort(compareHits);
    expect(sorted.map((h) => h.id)).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("computes distances like the SQL", () => {
    expect(distanceOf({ ...place, latitude: 49.5636, longitude: 3.6244 }, { latitude: 48.8566, longitude: 2.3522 })).toBeCloseTo(121.3, 0);
    expect(distanceOf({ ...place, latitude: 49.5, longitude: 3.6, remote: true }, { latitude: 48.8, longitude: 2.3 })).toBeNull();
  });
});
