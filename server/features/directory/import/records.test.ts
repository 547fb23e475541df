import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referencePath } from "../../../paths.ts";
import { convertCell, parseDataInclusionFile, UnreadableFileError } from "./records.ts";
import { columnIndex, columnLetter, excelSerialToIso, readWorkbook } from "./xlsx.ts";
import { schemaIssues } from "./validate.ts";

const SAMPLE = readFileSync(referencePath("data-inclusion-samples", "dataset-template-fixture.xlsx"));

describe("xlsx reader", () => {
  it("reads the sheets of the data·inclusion sample, with shared strings, booleans and dates", () => {
    const wb = readWorkbook(SAMPLE);
    expect(wb.sheetNames.slice(0, 2)).toEqual(["Structures", "Services"]);
    const rows = wb.sheet("Structures")!;
    expect(rows[0]!.cells.get(1)).toBe("id");
    expect(rows[0]!.cells.get(2)).toEqual({ date: "2026-02-23" }); // a header cell typed as a date
    expect(rows[1]!.cells.get(0)).toBe(true); // __ignore__ of the documentation row
    expect(wb.sheet("Inexistante")).toBeUndefined();
  });
  it("converts columns and serial dates", () => {
    expect(columnIndex("A1")).toBe(0);
    expect(columnIndex("AB12")).toBe(27);
    expect(columnLetter(27)).toBe("AB");
    expect(excelSerialToIso(46080)).toBe("2026-02-27");
  });
});

describe("cells → data·inclusion values", () => {
  it("splits lists on commas, pads codes that lost their leading zero, reads French dates and decimals", () => {
    expect(convertCell("thematiques", { kind: "array" }, "a, b,,c ")).toEqual(["a", "b", "c"]);
    expect(convertCell("code_postal", { kind: "string" }, 2000)).toBe("02000");
    expect(convertCell("siret", { kind: "string" }, 82454114801871)).toBe("82454114801871");
    expect(convertCell("date_maj", { kind: "date" }, "14/02/2026")).toBe("2026-02-14");
    expect(convertCell("date_maj", { kind: "date" }, { date: "2026-02-14" })).toBe("2026-02-14");
    expect(convertCell("volume_horaire_hebdomadaire", { kind: "number" }, "10,5")).toBe(10.5);
    expect(convertCell("nombre_semaines", { kind: "integer" }, "beaucoup")).toBe("beaucoup");
  });
});

describe("parseDataInclusionFile", () => {
  it("skips documentation and example rows (__ignore__) and reports unknown and repeated columns", () => {
    const parsed = parseDataInclusionFile(SAMPLE);
    expect(parsed.format).toBe("xlsx");
    expect(parsed.records.map((r) => `${r.sheet}:${r.row}`)).toEqual(["Structures:4", "Services:4", "Services:5"]);
    expect(parsed.records[1]!.data.thematiques).toEqual(["logement-hebergement--louer-un-logement", "logement-hebergement--louer-un-appartement"]);
    expect(parsed.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["unknown_column", "repeated_column"]));
  });
  it("reads JSON lists, {items}, and {structures, services}", () => {
    const s = { id: "a--1", nom: "Structure" };
    const v = { id: "a--2", structure_id: "a--1", nom: "Service" };
    expect(parseDataInclusionFile(Buffer.from(JSON.stringify([s, v]))).records.map((r) => r.kind)).toEqual(["structure", "service"]);
    expect(parseDataInclusionFile(Buffer.from(JSON.stringify({ items: [v] }))).records[0]!.kind).toBe("service");
    expect(parseDataInclusionFile(Buffer.from(`\uFEFF ${JSON.stringify({ structures: [s], services: { items: [v] } })}`)).records.map((r) => r.sheet)).toEqual(["structures", "services"]);
  });
  it("refuses what it cannot read, in French", () => {
    expect(() => parseDataInclusionFile(Buffer.alloc(0))).toThrow(UnreadableFileError);
    expect(() => parseDataInclusionFile(Buffer.from("a;b;c"))).toThrow(/Format de fichier non reconnu/);
    expect(() => parseDataInclusionFile(Buffer.from('{"structures": 3}'))).toThrow(/doit être une liste/);
    expect(() => parseDataInclusionFile(Buffer.from("PK\u0003\u0004xx"))).toThrow(/archive ZIP invalide/);
  });
});

describe("schema validation in French", () => {
  it("says one thing per field, with the closest value", () => {
    const issues = schemaIssues("service", { source: "x", id: "x--1", structure_id: "x--s", nom: "Ab", description: "Une description", thematiques: ["famille--garde-denfant"], nombre_semaines: "beaucoup" });
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      "date_maj: Champ requis",
      "nom: La chaîne doit contenir au moins 3 caractères",
      "nombre_semaines: La valeur doit être un entier valide",
      "thematiques: La valeur « famille--garde-denfant » n'existe pas. Vouliez-vous dire « famille--garde-denfants » ?",
    ]);
    expect(schemaIssues("structure", { source: "x", id: "x--1", nom: "Structure", date_maj: "2026-01-01", siret: "1234567890123" })[0]).toMatchObject({ field: "siret", code: "too_short" });
  });
});
