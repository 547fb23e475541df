import { describe, expect, it } from "vitest";
import { serviceCreateBody, serviceSearchQuery, serviceUpdateBody } from "./directory.ts";

describe("directory schemas", () => {
  it("a partial update carries only the fields sent (no default wipes a list)", () => {
    expect(serviceUpdateBody.parse({ status: "published" })).toEqual({ status: "published" });
  });
  it("turns empty optional texts into null and checks shapes", () => {
    const body = serviceCreateBody.parse({ nom: "Atelier vélo", description: "Réparer son vélo.", conditions_acces: "  " });
    expect(body.conditions_acces).toBeNull();
    expect(serviceCreateBody.safeParse({ nom: "Ab", description: "Réparer son vélo." }).success).toBe(false);
    expect(serviceCreateBody.safeParse({ nom: "Atelier", description: "Réparer.", inconnu: 1 }).success).toBe(false);
  });
  it("reads list filters repeated or comma-separated and refuses unknown parameters", () => {
    expect(serviceSearchQuery.parse({ thematiques: "mobilite, sante" }).thematiques).toEqual(["mobilite", "sante"]);
    expect(serviceSearchQuery.parse({ thematiques: ["mobilite", "famille--garde-denfants"] }).thematiques).toEqual(["mobilite", "famille--garde-denfants"]);
    expect(serviceSearchQuery.safeParse({ ville: "Laon" }).success).toBe(false);
  });
});
