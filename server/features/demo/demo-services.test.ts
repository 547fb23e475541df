import { describe, expect, it } from "vitest";
import { DEMO_STRUCTURES } from "./demo-data.ts";
import { serviceReferentialIssues, serviceRuleIssues } from "../directory/checks.ts";
import { demoServices } from "./demo-services.ts";

describe("demo services", () => {
  const services = demoServices();
  it("are valid directory services of demo structures, with example.org contacts only", () => {
    expect(services.length).toBeGreaterThanOrEqual(10);
    for (const s of services) {
      expect(DEMO_STRUCTURES.some((d) => d.key === s.structure_key), s.structure_key).toBe(true);
      expect([...serviceReferentialIssues(s), ...serviceRuleIssues(s)], String(s.nom)).toEqual([]);
      if (s.courriel) expect(String(s.courriel)).toMatch(/@demo\.spie\.example\.org$/);
      expect(s.telephone ?? null).toBeNull();
    }
  });
  it("cover every demo territory, with mobility services in Laon", () => {
    expect(services.filter((s) => s.code_insee === "02408" && (s.thematiques ?? []).some((t) => t.startsWith("mobilite--")) && s.status === "published").length).toBeGreaterThanOrEqual(2);
    const territories = new Set(services.map((s) => DEMO_STRUCTURES.find((d) => d.key === s.structure_key)!.territory_key));
    expect(territories.size).toBe(5);
  });
});
