import { describe, it, expect } from "vitest";
import { normalizeName } from "../../../common/domain/text.ts";
import { PERIMETER_KINDS } from "../../../common/schemas/territories.ts";
import {
  communeInPerimeter,
  departementsOfRegion,
  getCommune,
  getDepartement,
  getEpci,
  getRegion,
  isValidPerimeter,
  perimeterLabel,
  resolveCommuneCode,
  searchCommunes,
  searchPerimeterAreas,
  type PerimeterKind,
} from "./geography.ts";

describe("getCommune", () => {
  it("knows Laon, in the Aisne (02), Hauts-de-France (32), and its EPCI", () => {
    const laon = getCommune("02408");
    expect(laon).toMatchObject({ code: "02408", name: "Laon", departement: "02", region: "32" });
    expect(laon?.postal_codes).toContain("02000");
    expect(laon?.population).toBeGreaterThan(20000);
    expect(laon?.epci).toMatch(/^\d{9}$/);
    const epci = getEpci(laon?.epci ?? "");
    expect(epci?.name).toMatch(/Pays de Laon/);
    expect(epci?.communes).toContain("02408");
    expect(perimeterLabel("departement", "02")).toBe("Aisne");
    expect(perimeterLabel("region", "32")).toBe("Hauts-de-France");
  });

  it("knows Ajaccio (2A004) in the CA du Pays Ajaccien", () => {
    const ajaccio = getCommune("2A004");
    expect(ajaccio).toMatchObject({ name: "Ajaccio", departement: "2A", region: "94", epci: "242010056" });
    expect(getCommune("2a004")?.code).toBe("2A004");
    expect(perimeterLabel("epci", "242010056")).toBe("CA du Pays Ajaccien");
    expect(communeInPerimeter("2A004", [{ kind: "epci", code: "242010056" }])).toBe(true);
    // Bastia is in Haute-Corse, outside the Pays Ajaccien
    expect(communeInPerimeter("2B033", [{ kind: "epci", code: "242010056" }])).toBe(false);
  });

  it("knows Mayotte's communes in département 976", () => {
    const mamoudzou = getCommune("97611");
    expect(mamoudzou).toMatchObject({ name: "Mamoudzou", departement: "976", region: "06" });
    expect(getDepartement("976")?.name).toBe("Mayotte");
    expect(communeInPerimeter("97611", [{ kind: "departement", code: "976" }])).toBe(true);
    expect(departementsOfRegion("06")).toEqual(["976"]);
  });

  it("knows the Breton communes, in région 53 made of 22, 29, 35 and 56", () => {
    const rennes = getCommune("35238");
    expect(rennes).toMatchObject({ name: "Rennes", departement: "35", region: "53" });
    expect(getRegion("53")?.name).toBe("Bretagne");
    expect(departementsOfRegion("53")).toEqual(["22", "29", "35", "56"]);
    expect(communeInPerimeter("29019", [{ kind: "region", code: "53" }])).toBe(true); // Brest
    expect(communeInPerimeter("02408", [{ kind: "region", code: "53" }])).toBe(false);
  });

  it("indexes the arrondissements municipaux with their city's EPCI", () => {
    const paris12 = getCommune("75112");
    const paris = getCommune("75056");
    expect(paris12?.departement).toBe("75");
    expect(paris12?.epci).toBe(paris?.epci);
    expect(paris12?.epci).not.toBeNull();
    expect(getCommune("13201")?.name).toMatch(/^Marseille/);
    expect(getCommune("69381")?.name).toMatch(/^Lyon/);
    expect(communeInPerimeter("75112", [{ kind: "commune", code: "75056" }])).toBe(true);
    expect(communeInPerimeter("75056", [{ kind: "commune", code: "75112" }])).toBe(false);
  });

  it("has no entry for unknown, former or delegated codes", () => {
    expect(getCommune("00000")).toBeUndefined();
    expect(getCommune("")).toBeUndefined();
    expect(getCommune("20004")).toBeUndefined(); // Ajaccio's pre-1976 code
    expect(resolveCommuneCode("20004")).toBe("2A004");
    expect(resolveCommuneCode("02408")).toBe("02408");
    expect(resolveCommuneCode("99999")).toBeUndefined();
  });

  it("leaves epci null for a commune outside any EPCI", () => {
    // Île-de-Sein (Finistère) belongs to no EPCI
    const sein = getCommune("29083");
    expect(sein?.name).toBe("Île-de-Sein");
    expect(sein?.epci).toBeNull();
    expect(communeInPerimeter("29083", [{ kind: "departement", code: "29" }])).toBe(true);
  });
});

describe("searchCommunes", () => {
  it("finds Laon by name, case- and accent-insensitively", () => {
    expect(searchCommunes("Laon", 5)[0]?.code).toBe("02408");
    expect(searchCommunes("laon", 5)[0]?.code).toBe("02408");
    expect(searchCommunes("  LAON ", 5)[0]?.code).toBe("02408");
  });

  it("finds Ajaccio", () => {
    expect(searchCommunes("Ajaccio", 5)[0]?.code).toBe("2A004");
    expect(searchCommunes("ajac", 5)[0]?.name).toBe("Ajac"); // a commune of the Aude: exact names first
    expect(searchCommunes("ajac", 5)[1]?.code).toBe("2A004");
    expect(searchCommunes("AJACC", 5)[0]?.code).toBe("2A004");
  });

  it("finds by postal code and by postal code prefix", () => {
    const byPostcode = searchCommunes("02000", 10);
    expect(byPostcode[0]?.code).toBe("02408");
    expect(byPostcode.every((c) => c.postal_codes.includes("02000"))).toBe(true);
    const byPrefix = searchCommunes("976", 50);
    expect(byPrefix.length).toBe(17);
    expect(byPrefix[0]?.name).toBe("Mamoudzou");
    expect(searchCommunes("20 000", 3)[0]?.code).toBe("2A004");
  });

  it("finds by INSEE code", () => {
    expect(searchCommunes("02408", 3)[0]?.code).toBe("02408");
    expect(searchCommunes("2a004", 3)[0]?.code).toBe("2A004");
  });

  it("expands St / Ste and ignores accents and hyphens", () => {
    const results = searchCommunes("st etienne", 10);
    expect(results[0]?.code).toBe("42218"); // Saint-Étienne, the most populated
    expect(results.every((c) => /^Saint-Étienne/.test(c.name))).toBe(true);
    expect(searchCommunes("Saint-Étienne", 1)[0]?.code).toBe("42218");
    expect(searchCommunes("saint etienne", 1)[0]?.code).toBe("42218");
    expect(searchCommunes("ste genevieve des bois", 3).map((c) => c.code)).toContain("91549");
    expect(searchCommunes("chateau thierry", 1)[0]?.code).toBe("02168");
    expect(searchCommunes("Château-Thierry", 1)[0]?.code).toBe("02168");
  });

  it("ranks exact names, then prefixes, then word prefixes, then names containing the query", () => {
    const laon = searchCommunes("laon", 20);
    expect(laon[0]?.name).toBe("Laon");
    expect(laon[1]?.name).toBe("Laons"); // prefix, though far less populated than Athies-sous-Laon
    expect(laon.findIndex((c) => c.name === "Athies-sous-Laon")).toBeLessThan(laon.findIndex((c) => c.name === "Mons-en-Laonnois"));

    const fere = searchCommunes("fere", 10).map((c) => normalizeName(c.name));
    const firstOther = fere.findIndex((n) => !n.startsWith("fere"));
    expect(firstOther).toBeGreaterThan(0);
    expect(fere.slice(firstOther).every((n) => !n.startsWith("fere"))).toBe(true);
    expect(fere[firstOther]).toBe("la fere"); // La Fère, a word of its name starts with the query

    expect(searchCommunes("ile de sein", 5)[0]?.code).toBe("29083");
  });

  it("respects the limit and answers nothing for empty or unknown queries", () => {
    expect(searchCommunes("saint", 7)).toHaveLength(7);
    expect(searchCommunes("saint", 0)).toEqual([]);
    expect(searchCommunes("", 5)).toEqual([]);
    expect(searchCommunes("   ", 5)).toEqual([]);
    expect(searchCommunes("zzzzqqq", 5)).toEqual([]);
    expect(searchCommunes("99999", 5)).toEqual([]);
  });

  it("is fast once loaded", () => {
    searchCommunes("Laon", 1);
    const start = performance.now();
    for (let i = 0; i < 100; i++) searchCommunes("saint", 10);
    expect((performance.now() - start) / 100).toBeLessThan(20);
  });
});

describe("perimeters", () => {
  it("labels and validates every kind", () => {
    const cases: [PerimeterKind, string, string][] = [
      ["region", "53", "Bretagne"],
      ["departement", "66", "Pyrénées-Orientales"],
      ["departement", "2A", "Corse-du-Sud"],
      ["epci", "242010056", "CA du Pays Ajaccien"],
      ["commune", "02408", "Laon"],
    ];
    for (const [kind, code, label] of cases) {
      expect(perimeterLabel(kind, code)).toBe(label);
      expect(isValidPerimeter(kind, code)).toBe(true);
    }
    expect(PERIMETER_KINDS).toEqual(["region", "departement", "epci", "commune"]);
  });

  it("rejects unknown codes and codes of another kind", () => {
    expect(perimeterLabel("departement", "20")).toBeUndefined();
    expect(isValidPerimeter("departement", "20")).toBe(false);
    expect(isValidPerimeter("region", "02")).toBe(true); // région 02 is Martinique
    expect(isValidPerimeter("region", "99")).toBe(false);
    expect(isValidPerimeter("epci", "02408")).toBe(false);
    expect(isValidPerimeter("commune", "242010056")).toBe(false);
    expect(departementsOfRegion("99")).toEqual([]);
  });

  it("matches a commune against a perimeter of several items", () => {
    const perimeter = [
      { kind: "departement" as const, code: "66" },
      { kind: "commune" as const, code: "02408" },
    ];
    expect(communeInPerimeter("66136", perimeter)).toBe(true); // Perpignan
    expect(communeInPerimeter("02408", perimeter)).toBe(true);
    expect(communeInPerimeter("02722", perimeter)).toBe(false); // Soissons
    expect(communeInPerimeter("99999", perimeter)).toBe(false);
    expect(communeInPerimeter("02408", [])).toBe(false);
  });
});

describe("searchPerimeterAreas", () => {
  it("finds départements by name or code, régions and EPCI by name", () => {
    expect(searchPerimeterAreas("aisne", "departement", 5)[0]).toEqual({ kind: "departement", code: "02", name: "Aisne", context: "Hauts-de-France" });
    expect(searchPerimeterAreas("02", "departement", 5)[0]?.name).toBe("Aisne");
    expect(searchPerimeterAreas("2a", "departement", 5)[0]?.name).toBe("Corse-du-Sud");
    expect(searchPerimeterAreas("reunion", "region", 5)[0]?.name).toBe("La Réunion");
    const laon = searchPerimeterAreas("pays de laon", "epci", 5)[0];
    expect(laon?.name).toMatch(/Pays de Laon/);
    expect(laon?.context).toBe("département 02");
    expect(searchPerimeterAreas("zzzz", "epci", 5)).toEqual([]);
    expect(searchPerimeterAreas("   ", "region", 5)).toEqual([]);
  });
});
