import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { referencePath, repoRoot } from "../../paths.ts";
import { closestStructureType, isStructureType, structureTypeLabel, structureTypes } from "./structure-types.ts";

describe("paths", () => {
  it("finds the repository root and its reference data", () => {
    expect(existsSync(join(repoRoot(), "package.json"))).toBe(true);
    expect(existsSync(referencePath("data-inclusion-schema", "schemas", "v1", "extra", "reseaux-porteurs.json"))).toBe(true);
  });
});

describe("structure types (data·inclusion réseaux porteurs)", () => {
  it("lists every value once, with a label, sorted by label", () => {
    const types = structureTypes();
    expect(types.length).toBeGreaterThan(100);
    expect(new Set(types.map((t) => t.value)).size).toBe(types.length);
    expect(types.every((t) => t.value.length > 0 && t.label.length > 0)).toBe(true);
    const labels = types.map((t) => t.label);
    expect([...labels].sort((a, b) => a.localeCompare(b, "fr", { sensitivity: "base" }))).toEqual(labels);
  });

  it("returns a copy", () => {
    const first = structureTypes();
    first.pop();
    expect(structureTypes().length).toBe(first.length + 1);
  });

  it("knows the types of the SPIE consortiums", () => {
    for (const value of ["departements", "france-travail", "mission-locale", "caf", "cap-emploi-reseau-cheops", "ccas-cias", "plie", "adie", "spip", "afpa", "chambres-consulaires", "siao"]) {
      expect(isStructureType(value), value).toBe(true);
    }
    expect(structureTypeLabel("mission-locale")).toBe("Mission Locale");
    expect(structureTypeLabel("spip")).toBe("Services Pénitentiaires d’Insertion et de Probation");
  });

  it("rejects unknown values and values in another case", () => {
    expect(isStructureType("pole-emploi")).toBe(false);
    expect(isStructureType("Mission-Locale")).toBe(false);
    expect(isStructureType("")).toBe(false);
    expect(structureTypeLabel("pole-emploi")).toBeUndefined();
  });

  it("suggests the closest value", () => {
    expect(closestStructureType("mision-locale")).toBe("mission-locale");
    expect(closestStructureType("Mission Locale")).toBe("mission-locale");
    expect(closestStructureType("France travail")).toBe("france-travail");
    expect(closestStructureType("Pôle emploi")).toBe("france-travail");
    expect(closestStructureType("CCAS")).toBe("ccas-cias");
    expect(closestStructureType("Conseil départemental")).toBe("departements");
    expect(closestStructureType("Cap Emploi")).toBe("cap-emploi-reseau-cheops");
    expect(closestStructureType("Caisse d'allocations familiales")).toBe("caf");
    expect(closestStructureType("chambre consulaire")).toBe("chambres-consulaires");
    expect(closestStructureType("xyzzy")).toBeUndefined();
    expect(closestStructureType("")).toBeUndefined();
  });
});
