import { describe, expect, it } from "vitest";
import { z } from "./zod.ts";

function message(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("French validation messages", () => {
  it("speaks plain French for the common cases", () => {
    expect(message(z.object({ a: z.string() }), {})).toBe("Champ obligatoire");
    expect(message(z.string().min(1), "")).toBe("Champ obligatoire");
    expect(message(z.string().min(12), "court")).toBe("12 caractères au moins");
    // Never cut: the message says the maximum and how much was typed (the web no longer truncates input).
    expect(message(z.string().max(3), "trop long")).toBe("3 caractères au plus (vous en avez saisi 9)");
    expect(message(z.string().max(200), "x".repeat(10_000))).toBe("200 caractères au plus (vous en avez saisi 10\u202f000)");
    expect(message(z.email(), "x")).toMatch(/^Adresse électronique invalide/);
    expect(message(z.iso.date(), "12/04/1990")).toMatch(/^Date invalide/);
    expect(message(z.enum(["a", "b"]), "c")).toBe("Valeur inconnue ; valeurs possibles : a, b");
    expect(message(z.string(), 42)).toBe("Texte attendu");
  });

  it("keeps a custom message given by a schema", () => {
    expect(message(z.string().regex(/^\d+$/, "Chiffres seulement"), "abc")).toBe("Chiffres seulement");
  });
});
