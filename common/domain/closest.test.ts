import { describe, it, expect } from "vitest";
import { closestMatch, closestString, levenshtein } from "./closest.ts";

describe("levenshtein", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(levenshtein("", "")).toBe(0);
    expect(levenshtein("abc", "abc")).toBe(0);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("abc", "")).toBe(3);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("flaw", "lawn")).toBe(2);
    expect(levenshtein("mission", "mision")).toBe(1);
  });

  it("is symmetric", () => {
    expect(levenshtein("chambre", "chambres consulaires")).toBe(levenshtein("chambres consulaires", "chambre"));
  });

  it("stops early above max and answers max + 1", () => {
    expect(levenshtein("abcdef", "uvwxyz", 2)).toBe(3);
    expect(levenshtein("a", "abcdefgh", 3)).toBe(4);
    expect(levenshtein("kitten", "sitting", 3)).toBe(3);
  });
});

describe("closestString", () => {
  const values = ["mission-locale", "france-travail", "ccas-cias", "cap-emploi-reseau-cheops", "caf", "cpam"];

  it("finds a value despite case, accents, hyphens and a typo", () => {
    expect(closestString("Mission locale", values)).toBe("mission-locale");
    expect(closestString("MISION-LOCALE", values)).toBe("mission-locale");
    expect(closestString("France Trvail", values)).toBe("france-travail");
    expect(closestString("Caf", values)).toBe("caf");
  });

  it("accepts a whole word or the beginning of a value", () => {
    expect(closestString("ccas", values)).toBe("ccas-cias");
    expect(closestString("cap emploi", values)).toBe("cap-emploi-reseau-cheops");
  });

  it("suggests nothing when nothing is close", () => {
    expect(closestString("boulangerie", values)).toBeUndefined();
    expect(closestString("", values)).toBeUndefined();
    expect(closestString("  -- ", values)).toBeUndefined();
    expect(closestString("mission locale", [])).toBeUndefined();
  });

  it("honours maxDistance", () => {
    expect(closestString("cpan", values, { maxDistance: 0 })).toBeUndefined();
    expect(closestString("cpan", values, { maxDistance: 1 })).toBe("cpam");
  });

  it("prefers the smallest distance, then the first item", () => {
    expect(closestString("caf", ["cafe", "caf"])).toBe("caf");
    expect(closestString("abcd", ["abce", "abcf"])).toBe("abce");
  });
});

describe("closestMatch", () => {
  const items = [
    { value: "mission-locale", label: "Mission Locale" },
    { value: "spip", label: "Services Pénitentiaires d’Insertion et de Probation" },
  ];

  it("compares every key of an item (value and label)", () => {
    expect(closestMatch("services penitentiaires d'insertion et de probation", items, (i) => [i.value, i.label])?.value).toBe("spip");
    expect(closestMatch("spipp", items, (i) => [i.value, i.label])?.value).toBe("spip");
    expect(closestMatch("Misson Locale", items, (i) => [i.value, i.label])?.value).toBe("mission-locale");
  });

  it("works on any iterable", () => {
    expect(closestMatch("spip", new Set(items), (i) => [i.value])?.label).toMatch(/Pénitentiaires/);
  });
});
