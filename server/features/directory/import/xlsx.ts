// A small, defensive .xlsx reader (Office Open XML spreadsheet): unzips with fflate, parses the
// workbook, shared strings, styles (to recognise date cells) and the requested sheets with
// fast-xml-parser. Limits guard against zip bombs: entries are inflated one at a time and their
// declared and actual sizes are capped. Values come out as strings, numbers, booleans or ISO dates.
import { strFromU8, unzipSync, type UnzipFileInfo } from "fflate";
import { XMLParser } from "fast-xml-parser";

export class SpreadsheetError extends Error {}

export type CellValue = string | number | boolean | { date: string };

export interface SheetRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  /** Cell values by 0-based column index. */
  cells: Map<number, CellValue>;
}

export interface Workbook {
  sheetNames: string[];
  /** Rows of a sheet (empty rows omitted), or undefined if the workbook has no such sheet. */
  sheet(name: string): SheetRow[] | undefined;
}

const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 160 * 1024 * 1024;
const MAX_ROWS = 100_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["si", "r", "row", "c", "sheet", "Relationship", "xf", "numFmt"].includes(name),
});

/** Built-in number formats that are dates (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (typeof node === "object" && "#text" in (node as Record<string, unknown>)) return String((node as Record<string, unknown>)["#text"]);
  return "";
}

/** Excel serial day (1900 date system) → ISO date. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** "AB12" → 27 (0-based column index). */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? "";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_ENTRY_BYTES) throw new SpreadsheetError(`Le fichier contient une feuille trop volumineuse (${file.name}).`);
        total += file.originalSize;
        if (total > MAX_TOTAL_BYTES) throw new SpreadsheetError("Le classeur décompressé dépasse la taille autorisée.");
        return true;
      },
    });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError("Le fichier n'est pas un classeur .xlsx lisible (archive ZIP invalide).");
  }
}

function parseXml(bytes: Uint8Array | undefined, what: string): Record<string, unknown> {
  if (!bytes) throw new SpreadsheetError(`Le classeur est incomplet : ${what} manquant.`);
  if (bytes.length > MAX_ENTRY_BYTES) throw new SpreadsheetError("Le classeur décompressé dépasse la taille autorisée.");
  try {
    return parser.parse(strFromU8(bytes)) as Record<string, unknown>;
  } catch {
    throw new SpreadsheetError(`Le classeur est illisible (${what} : XML invalide).`);
  }
}

type XmlNode = Record<string, unknown>;
const arr = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v ? [v as XmlNode] : []);

export function readWorkbook(bytes: Uint8Array): Workbook {
  const meta = unzip(bytes, (name) => name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels" || name === "xl/sharedStrings.xml" || name === "xl/styles.xml");
  const workbook = parseXml(meta["xl/workbook.xml"], "xl/workbook.xml").workbook as XmlNode | undefined;
  if (!workbook) throw new SpreadsheetError("Le fichier n'est pas un classeur .xlsx (workbook absent).");
  const rels = (parseXml(meta["xl/_rels/workbook.xml.rels"], "xl/_rels/workbook.xml.rels").Relationships as XmlNode | undefined) ?? {};
  const targets = new Map(arr(rels.Relationship).map((r) => [String(r.Id), String(r.Target)]));
  const sheets = arr((workbook.sheets as XmlNode | undefined)?.sheet).map((s) => {
    const target = targets.get(String(s["r:id"])) ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    return { name: String(s.name), path };
  });

  const shared: string[] = [];
  if (meta["xl/sharedStrings.xml"]) {
    const sst = parseXml(meta["xl/sharedStrings.xml"], "sharedStrings").sst as XmlNode | undefined;
    for (const si of arr(sst?.si)) {
      shared.push(si.t !== undefined ? textOf(si.t) : arr(si.r).map((r) => textOf(r.t)).join(""));
    }
  }

  const dateStyles = new Set<number>();
  if (meta["xl/styles.xml"]) {
    const styleSheet = parseXml(meta["xl/styles.xml"], "styles").styleSheet as XmlNode | undefined;
    const customDates = new Set(
      arr((styleSheet?.numFmts as XmlNode | undefined)?.numFmt)
        .filter((f) => /[dmy]/i.test(String(f.formatCode).replace(/"[^"]*"|\[[^\]]*\]/g, "")) && !/^[#0.,%\s]*$/.test(String(f.formatCode)))
        .map((f) => Number(f.numFmtId)),
    );
    arr((styleSheet?.cellXfs as XmlNode | undefined)?.xf).forEach((xf, i) => {
      const id = Number(xf.numFmtId ?? 0);
      if (BUILTIN_DATE_FORMATS.has(id) || customDates.has(id)) dateStyles.add(i);
    });
  }

  const cache = new Map<string, SheetRow[]>();
  return {
    sheetNames: sheets.map((s) => s.name),
    sheet(name) {
      const entry = sheets.find((s) => s.name === name);
      if (!entry) return undefined;
      const cached = cache.get(name);
      if (cached) return cached;
      const files = unzip(bytes, (n) => n === entry.path);
      const ws = parseXml(files[entry.path], `feuille « ${name} »`).worksheet as XmlNode | undefined;
      const rows: SheetRow[] = [];
      const rawRows = arr((ws?.sheetData as XmlNode | undefined)?.row);
      if (rawRows.length > MAX_ROWS) throw new SpreadsheetError(`La feuille « ${name} » dépasse ${MAX_ROWS.toLocaleString("fr-FR")} lignes.`);
      rawRows.forEach((r, position) => {
        const cells = new Map<number, CellValue>();
        arr(r.c).forEach((c, i) => {
          const col = c.r ? columnIndex(String(c.r)) : i;
          const type = c.t ? String(c.t) : "n";
          let value: CellValue | undefined;
          if (type === "s") value = shared[Number(textOf(c.v))] ?? "";
          else if (type === "inlineStr") value = (c.is as XmlNode | undefined)?.t !== undefined ? textOf((c.is as XmlNode).t) : arr((c.is as XmlNode | undefined)?.r).map((x) => textOf(x.t)).join("");
          else if (type === "str" || type === "e") value = textOf(c.v);
          else if (type === "b") value = textOf(c.v) === "1";
          else if (c.v !== undefined) {
            const n = Number(textOf(c.v));
            value = Number.isFinite(n) && dateStyles.has(Number(c.s ?? 0)) ? { date: excelSerialToIso(n) } : n;
          }
          if (value !== undefined && value !== "") cells.set(col, value);
        });
        if (cells.size > 0) rows.push({ row: r.r ? Number(r.r) : position + 1, cells });
      });
      cache.set(name, rows);
      return rows;
    },
  };
}
