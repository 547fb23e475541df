import { describe, expect, it } from "vitest";
import { ANYWHERE, communeKeys, searchColumns, zoneCodeKind, zoneKeys } from "./eligibility.ts";

describe("zone_eligibilite → search keys", () => {
  it("treats an empty zone as everywhere", () => {
    expect(zoneKeys(null)).toEqual({ eligibility: [ANYWHERE], departements: [ANYWHERE], invalid: [] });
    expect(zoneKeys([])).toEqual({ eligibility: [ANYWHERE], departements: [ANYWHERE], invalid: [] });
  });
  it("normalises communes, départements, EPCI and France", () => {
    const laon = communeKeys("02408")!;
    const keys = zoneKeys(["02408", "2A", "99100", laon.epci!]);
    expect(keys.eligibility).toEqual(expect.arrayContaining(["02408", "2A", "france", laon.epci!]));
    expect(keys.departements).toEqual(expect.arrayContaining(["02", "2A", ANYWHERE]));
    expect(keys.invalid).toEqual([]);
  });
  it("maps a former commune code to the current one and reports unknown codes", () => {
    const keys = zoneKeys(["20004", "59999", "123456789", "ZZ"]);
    expect(keys.eligibility).toEqual(["2A004"]);
    expect(keys.invalid).toEqual(["59999", "123456789", "ZZ"]);
  });
  it("knows the kinds of codes", () => {
    expect(zoneCodeKind("france")).toBe("france");
    expect(zoneCodeKind("99134")).toBe("pays");
    expect(zoneCodeKind("200071934")).toBe("epci");
    expect(zoneCodeKind("02408")).toBe("commune");
    expect(zoneCodeKind("976")).toBe("departement");
  });
});

describe("a commune's keys", () => {
  it("lists the commune, its département, its EPCI, France and 'anywhere'", () => {
    const laon = communeKeys("02408")!;
    expect(laon.departement).toBe("02");
    expect(laon.epci).toMatch(/^\d{9}$/);
    expect(laon.keys).toEqual(expect.arrayContaining([ANYWHERE, "france", "02408", "02", laon.epci!]));
    // A service eligible in the Aisne is eligible in Laon: the two sets overlap.
    expect(zoneKeys(["02"]).eligibility.some((k) => laon.keys.includes(k))).toBe(true);
    expect(zoneKeys(["59"]).eligibility.some((k) => laon.keys.includes(k))).toBe(false);
  });
  it("matches an arrondissement with its city", () => {
    expect(communeKeys("75112")!.keys).toContain("75056");
  });
  it("is undefined for an unknown commune", () => {
    expect(communeKeys("99999")).toBeUndefined();
  });
  it("computes the search columns of a service", () => {
    expect(searchColumns({ zone_eligibilite: ["02"], code_insee: "02408" })).toMatchObject({ eligibility: ["02"], eligibility_departements: ["02"], location_departement: "02" });
  });
});
