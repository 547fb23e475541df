// Turns an uploaded file into data·inclusion records: (a) JSON as the data·inclusion API serves it
// (a list, `{items: […]}`, or `{structures: […], services: […]}`), (b) the data·inclusion
// spreadsheet template (sheets `Structures` and `Services`, header on row 1, `__ignore__` rows for
// documentation and examples, lists written comma-separated, unknown or repeated columns reported).
import { columnLetter, readWorkbook, SpreadsheetError, XLSX_LIMITS, type CellValue, type LimitName, type SheetRow, type XlsxLimits } from "./xlsx.ts";
import { officialSchema, type RecordKind } from "./validate.ts";
import type { ImportIssue } from "../../../../common/schemas/directory.ts";

/** A file that cannot be imported at all; `limit` names the limit it exceeds (answered 413), if any. */
export class UnreadableFileError extends Error {
  readonly limit: LimitName | undefined;
  constructor(message: string, limit?: LimitName) {
    super(message);
    this.limit = limit;
  }
}

export interface ParseLimits extends XlsxLimits {
  /** Records (structures and services together) in one file. */
  records: number;
}

export const PARSE_LIMITS: ParseLimits = { ...XLSX_LIMITS, records: 200_000 };

function checkRecordCount(count: number, limits: ParseLimits): void {
  if (count > limits.records) {
    throw new UnreadableFileError(`Le fichier contient plus de ${limits.records.toLocaleString("fr-FR")} structures et services : découpez-le (par exemple par département).`, "records");
  }
}

export interface RawRecord {
  kind: RecordKind;
  /** "Structures" / "Services" (spreadsheet) or "structures" / "services" (JSON). */
  sheet: string;
  /** Spreadsheet row, or 1-based position in the JSON list. */
  row: number;
  data: Record<string, unknown>;
}

export interface ParsedFile {
  format: "xlsx" | "json";
  records: RawRecord[];
  warnings: ImportIssue[];
}

export const SHEETS: Record<RecordKind, string> = { structure: "Structures", service: "Services" };
const IGNORE_COLUMN = "__ignore__";

interface FieldSpec {
  kind: "string" | "array" | "number" | "integer" | "date";
}

function fieldSpecs(kind: RecordKind): Map<string, FieldSpec> {
  const schema = officialSchema(kind) as { properties: Record<string, { type?: string; format?: string; anyOf?: { type?: string; format?: string }[] }> };
  const specs = new Map<string, FieldSpec>();
  for (const [name, prop] of Object.entries(schema.properties)) {
    const types = [prop, ...(prop.anyOf ?? [])].map((p) => p.type).filter((t): t is string => typeof t === "string" && t !== "null");
    const format = prop.format;
    const t = types[0] ?? "string";
    specs.set(name, { kind: format === "date" ? "date" : t === "array" ? "array" : t === "integer" ? "integer" : t === "number" ? "number" : "string" });
  }
  return specs;
}

const PADDED_CODES = new Set(["code_postal", "code_insee"]);

function cellText(value: CellValue): string {
  if (typeof value === "object") return value.date;
  return String(value);
}

/** A spreadsheet cell as the value of a data·inclusion field. */
export function convertCell(field: string, spec: FieldSpec, value: CellValue): unknown {
  switch (spec.kind) {
    case "array":
      return cellText(value)
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case "date": {
      if (typeof value === "object") return value.date;
      if (typeof value === "number") return new Date(Math.round((value - 25569) * 86_400_000)).toISOString().slice(0, 10);
      const text = String(value).trim();
      const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      return fr ? `${fr[3]}-${fr[2]!.padStart(2, "0")}-${fr[1]!.padStart(2, "0")}` : text;
    }
    case "integer":
    case "number": {
      if (typeof value === "number") return value;
      const text = cellText(value).trim().replace(",", ".");
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : cellText(value).trim();
    }
    default: {
      if (typeof value === "number" && PADDED_CODES.has(field) && Number.isInteger(value) && value >= 0 && String(value).length < 5) return String(value).padStart(5, "0");
      return cellText(value).trim();
    }
  }
}

function isIgnored(value: CellValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "object") return true;
  return !/^(|0|false|faux|non|no)$/i.test(value.trim());
}

function sheetRecords(kind: RecordKind, sheetName: string, rows: SheetRow[], warnings: ImportIssue[]): RawRecord[] {
  const header = rows[0];
  if (!header) return [];
  const specs = fieldSpecs(kind);
  const columns = new Map<number, string>();
  let ignoreColumn: number | undefined;
  const firstColumnOf = new Map<string, number>();
  for (const [index, raw] of [...header.cells].sort((a, b) => a[0] - b[0])) {
    const name = (typeof raw === "object" ? raw.date : String(raw)).trim();
    const key = name.toLowerCase();
    const where = `colonne ${columnLetter(index)}`;
    if (key === IGNORE_COLUMN) {
      ignoreColumn = index;
      continue;
    }
    if (!specs.has(key)) {
      const hint = typeof raw === "object" ? " Un en-tête doit être un nom de champ : si la colonne contient les dates de mise à jour, nommez-la « date_maj »." : "";
      warnings.push({ sheet: sheetName, row: header.row, id: null, field: name, value: null, code: "unknown_column", message: `Colonne « ${name} » (${where}) inconnue du schéma data·inclusion : ignorée.${hint}` });
      continue;
    }
    const first = firstColumnOf.get(key);
    if (first !== undefined) {
      warnings.push({ sheet: sheetName, row: header.row, id: null, field: key, value: null, code: "repeated_column", message: `Colonne « ${key} » en double (colonnes ${columnLetter(first)} et ${columnLetter(index)}) : seule la première est lue.` });
      continue;
    }
    firstColumnOf.set(key, index);
    columns.set(index, key);
  }
  const records: RawRecord[] = [];
  for (const row of rows.slice(1)) {
    if (ignoreColumn !== undefined && isIgnored(row.cells.get(ignoreColumn))) continue;
    const data: Record<string, unknown> = {};
    for (const [index, field] of columns) {
      const value = row.cells.get(index);
      if (value === undefined) continue;
      const converted = convertCell(field, specs.get(field)!, value);
      if (converted === "" || (Array.isArray(converted) && converted.length === 0)) continue;
      data[field] = converted;
    }
    if (Object.keys(data).length === 0) continue;
    records.push({ kind, sheet: sheetName, row: row.row, data });
  }
  return records;
}

function parseSpreadsheet(bytes: Uint8Array, limits: ParseLimits): ParsedFile {
  let workbook;
  try {
    workbook = readWorkbook(bytes, limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new UnreadableFileError(error.message, error.limit);
    throw new UnreadableFileError("Le fichier n'est pas un classeur .xlsx lisible.");
  }
  const present = workbook.sheetNames;
  const wanted = Object.values(SHEETS);
  if (!wanted.some((name) => present.includes(name))) {
    throw new UnreadableFileError(
      `Le classeur n'a ni feuille « Structures » ni feuille « Services » (feuilles trouvées : ${present.map((n) => `« ${n} »`).join(", ") || "aucune"}). Utilisez le modèle de fichier data·inclusion.`,
    );
  }
  const warnings: ImportIssue[] = [];
  const records: RawRecord[] = [];
  for (const kind of ["structure", "service"] as const) {
    const name = SHEETS[kind];
    let rows: SheetRow[] | undefined;
    try {
      rows = workbook.sheet(name);
    } catch (error) {
      if (error instanceof SpreadsheetError) throw new UnreadableFileError(error.message, error.limit);
      throw new UnreadableFileError(`La feuille « ${name} » est illisible.`);
    }
    if (!rows) {
      warnings.push({ sheet: name, row: null, id: null, field: null, value: null, code: "missing_sheet", message: `Pas de feuille « ${name} » dans le classeur.` });
      continue;
    }
    records.push(...sheetRecords(kind, name, rows, warnings));
    checkRecordCount(records.length, limits);
  }
  return { format: "xlsx", records, warnings };
}

function asRecords(value: unknown, kind: RecordKind | null, sheet: string, limits: ParseLimits): RawRecord[] {
  const list = Array.isArray(value) ? value : value && typeof value === "object" && Array.isArray((value as { items?: unknown }).items) ? (value as { items: unknown[] }).items : null;
  if (!list) throw new UnreadableFileError(`« ${sheet} » doit être une liste d'objets data·inclusion.`);
  checkRecordCount(list.length, limits);
  return list.map((item, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) throw new UnreadableFileError(`L'élément ${i + 1} de « ${sheet} » n'est pas un objet.`);
    const data = item as Record<string, unknown>;
    const k: RecordKind = kind ?? ("structure_id" in data ? "service" : "structure");
    return { kind: k, sheet: kind ? sheet : `${k}s`, row: i + 1, data };
  });
}

function parseJson(bytes: Uint8Array, limits: ParseLimits): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new UnreadableFileError("Le fichier JSON est mal formé (vérifiez les virgules, guillemets et accolades).");
  }
  const records: RawRecord[] = [];
  if (value && typeof value === "object" && !Array.isArray(value) && ("structures" in value || "services" in value)) {
    const o = value as { structures?: unknown; services?: unknown };
    if (o.structures !== undefined) records.push(...asRecords(o.structures, "structure", "structures", limits));
    if (o.services !== undefined) records.push(...asRecords(o.services, "service", "services", limits));
  } else {
    records.push(...asRecords(value, null, "fichier", limits));
  }
  checkRecordCount(records.length, limits);
  return { format: "json", records, warnings: [] };
}

/** Reads an uploaded data·inclusion file, by its content (a ZIP is a spreadsheet, `{`/`[` is JSON). */
export function parseDataInclusionFile(bytes: Uint8Array, limits: ParseLimits = PARSE_LIMITS): ParsedFile {
  if (bytes.length === 0) throw new UnreadableFileError("Le fichier est vide.");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return parseSpreadsheet(bytes, limits);
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i]!))) i++;
  if (bytes[i] === 0x7b || bytes[i] === 0x5b) return parseJson(bytes.subarray(i), limits);
  throw new UnreadableFileError("Format de fichier non reconnu : envoyez le modèle de tableur data·inclusion (.xlsx) ou un fichier JSON data·inclusion.");
}
