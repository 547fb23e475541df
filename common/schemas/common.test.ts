import { describe, expect, it } from "vitest";
import type { z } from "../zod.ts";
import { isWebUrl, unstorableText } from "../domain/text.ts";
import { int4, int4Param, isoDate, pastDate, todayInFrance, webUrl } from "./common.ts";

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe("shared edge rules", () => {
  it("keeps dates between 1900 and 2100, with one message", () => {
    expect(messages(isoDate, "2024-02-29")).toEqual([]);
    expect(messages(isoDate, "9999-12-31")).toEqual(["Date trop lointaine (2100 au plus tard)"]);
    expect(messages(isoDate, "0001-01-01")).toEqual(["Date trop ancienne (1900 au plus tôt)"]);
    expect(messages(isoDate, "31/12/2024")).toHaveLength(1);
  });

  it("refuses past dates in the future (today in France is accepted)", () => {
    expect(messages(pastDate("Dans le futur"), todayInFrance())).toEqual([]);
    expect(messages(pastDate("Dans le futur"), "2099-01-01")).toEqual(["Dans le futur"]);
    expect(messages(pastDate("Dans le futur"), "9999-12-31")).toEqual(["Date trop lointaine (2100 au plus tard)"]);
  });

  it("bounds integers to an integer column", () => {
    expect(messages(int4(0), 2_147_483_647)).toEqual([]);
    expect(messages(int4(0), 2_147_483_648)).toHaveLength(1);
    expect(messages(int4Param(1), "2147483648")).toHaveLength(1);
    expect(messages(int4Param(1), "12")).toEqual([]);
  });

  it("takes only http and https links", () => {
    expect(messages(webUrl(), "https://exemple.fr/a?b=c")).toEqual([]);
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "mailto:a@exemple.fr", "ftp://exemple.fr"]) {
      expect(messages(webUrl(), bad), bad).toEqual(["Adresse web invalide (elle commence par https://)"]);
    }
    expect(isWebUrl("https://exemple.fr")).toBe(true);
    expect(isWebUrl("javascript:alert(1)")).toBe(false);
    expect(isWebUrl(" javascript:alert(1)")).toBe(false);
    expect(isWebUrl(null)).toBe(false);
  });

  it("names text the database cannot store", () => {
    expect(unstorableText("Texte é 😀 fictif")).toBeUndefined();
    expect(unstorableText("a\u0000b")).toMatch(/^Caractère interdit/);
    expect(unstorableText("a\ud800b")).toMatch(/^Texte mal encodé/);
    expect(unstorableText("a\udc00")).toMatch(/^Texte mal encodé/);
  });
});
