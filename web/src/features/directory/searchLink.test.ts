import { describe, expect, it } from "vitest";
import { parseSearchLink, withoutParams } from "./searchLink.ts";

describe("parseSearchLink", () => {
  it("reads a valid link with the API's schema", () => {
    const link = parseSearchLink(new URLSearchParams("code_insee=02408&commune=Laon&thematiques=mobilite&page=3"), 10);
    expect(link).toEqual({ ok: true, page: 3, query: { code_insee: "02408", thematiques: "mobilite", page: 3, page_size: 10 } });
  });

  it.each([
    ["page=abc", "page", /^Le paramètre « page » doit être un nombre entier \(reçu : « abc »\)\.$/],
    ["page=0", "page", /^Le paramètre « page » doit être un nombre supérieur ou égal à 1/],
    ["page=2.5", "page", /^Le paramètre « page » doit être un nombre entier/],
    ["code_insee=2408", "code_insee", /^Le paramètre « code_insee » est invalide \(reçu : « 2408 »\) : /],
    ["spie_thematique=velo", "spie_thematique", /^Le paramètre « spie_thematique » n'accepte pas cette valeur/],
  ])("names the parameter of %s", (search, field, message) => {
    const link = parseSearchLink(new URLSearchParams(`thematiques=mobilite&${search}`), 10);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    expect(link.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it("gives the same search without the bad parameters", () => {
    expect(withoutParams(new URLSearchParams("thematiques=mobilite&page=abc&q=velo"), ["page"])).toBe("?thematiques=mobilite&q=velo");
    expect(withoutParams(new URLSearchParams("page=abc"), ["page"])).toBe("");
  });
});
