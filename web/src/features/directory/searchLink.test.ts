import { describe, expect, it } from "vitest";
import { serviceSearchQuery } from "../../../../common/schemas/directory.ts";
import { refusedParams, searchLinkQuery, withoutParams } from "./searchLink.ts";

describe("searchLinkQuery", () => {
  it("sends the link's search parameters as written (the API checks them), not the commune's label", () => {
    const query = searchLinkQuery(new URLSearchParams("code_insee=02408&commune=Laon&cp=02000&thematiques=mobilite&q=%20&page=3"), 10);
    expect(query).toEqual({ code_insee: "02408", thematiques: "mobilite", page: "3", page_size: 10 });
    // What the API reads from it.
    expect(serviceSearchQuery.parse(query)).toMatchObject({ code_insee: "02408", thematiques: ["mobilite"], page: 3, page_size: 10 });
  });

  it("leaves a bad parameter to the API, which names it", () => {
    const query = searchLinkQuery(new URLSearchParams("thematiques=mobilite&page=abc"), 10);
    expect(query.page).toBe("abc");
    const parsed = serviceSearchQuery.safeParse(query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["page"]);
  });
});

describe("refusedParams", () => {
  it("names each parameter the API refused, a list item as its parameter", () => {
    expect(
      refusedParams([
        { field: "page", code: "invalid_type", message: "Nombre attendu" },
        { field: "publics.1", code: "unknown_value", message: "La valeur « jeune » n'existe pas." },
      ]),
    ).toEqual([
      { field: "page", message: "Le paramètre « page » : Nombre attendu" },
      { field: "publics", message: "Le paramètre « publics » : La valeur « jeune » n'existe pas." },
    ]);
  });
});

describe("withoutParams", () => {
  it("gives the same search without the bad parameters", () => {
    expect(withoutParams(new URLSearchParams("thematiques=mobilite&page=abc&q=velo"), ["page"])).toBe("?thematiques=mobilite&q=velo");
    expect(withoutParams(new URLSearchParams("page=abc"), ["page"])).toBe("");
  });
});
