// A small, defensive .xlsx reader (Office Open XML spreadsheet). Hostile files must not take the
// server down (issue 7), so nothing here trusts the archive:
// - the ZIP central directory is read by hand and each entry is inflated in small steps with
//   fflate's streaming `Inflate`; the bytes actually produced are counted and inflation stops as
//   soon as an entry produces more than it declared (a lying zip bomb: refused, never truncated)
//   or the workbook exceeds `inflatedBytes` in total;
// - sheets and shared strings are scanned row by row / string by string as they inflate (no DOM
//   of the whole sheet), counting cells and rows against `cells` and `rows`;
// - the workbook, its relationships and styles (small by nature) are parsed with fast-xml-parser
//   after a size cap; a time budget is checked between steps (the caller also runs this in a
//   worker thread with a hard deadline, see parse-worker.ts).
// Values come out as strings, numbers, booleans or ISO dates.
import { Inflate } from "fflate";
import { XMLParser } from "fast-xml-parser";

export type LimitName = "inflated_size" | "cells" | "rows" | "row_size" | "time" | "records";

/** A file the reader refuses. `limit` names the limit exceeded (413); without it the file is unreadable (400). */
export class SpreadsheetError extends Error {
  readonly limit: LimitName | undefined;
  constructor(message: string, limit?: LimitName) {
    super(message);
    this.limit = limit;
  }
}

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

export interface XlsxLimits {
  /** Inflated bytes of every entry read, all together. */
  inflatedBytes: number;
  /** Inflated bytes of one metadata entry (workbook, relationships, styles). */
  metadataBytes: number;
  /** Cells (`<c>` elements, empty ones included) and shared strings, all sheets together. */
  cells: number;
  /** Rows (`<row>` elements) of one sheet. */
  rows: number;
  /** Bytes of one row's XML (a single row holding a million cells is refused early). */
  rowBytes: number;
  /** Milliseconds of work, checked between steps. */
  timeMs: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  inflatedBytes: 50 * 1024 * 1024,
  metadataBytes: 4 * 1024 * 1024,
  cells: 1_000_000,
  rows: 100_000,
  rowBytes: 4 * 1024 * 1024,
  timeMs: 20_000,
};

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} Mo`;
const int = (n: number) => n.toLocaleString("fr-FR");
const SPLIT = " Découpez le fichier (par exemple par département) ou envoyez-le en JSON.";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["sheet", "Relationship", "xf", "numFmt"].includes(name),
});

/** Built-in number formats that are dates (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

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

// ---- ZIP ---------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const NOT_A_ZIP = "Le fichier n'est pas un classeur .xlsx lisible (archive ZIP invalide).";

function readCentralDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SpreadsheetError(NOT_A_ZIP);
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new SpreadsheetError("Le classeur utilise le format ZIP64, non pris en charge : enregistrez-le à nouveau depuis votre tableur.");
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw new SpreadsheetError(NOT_A_ZIP);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name, {
      name,
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Compressed bytes are pushed in steps this small, so one step inflates at most ~1 MB. */
const STEP = 1024;

class Budget {
  inflated = 0;
  cells = 0;
  readonly limits: XlsxLimits;
  private readonly started = Date.now();
  constructor(limits: XlsxLimits) {
    this.limits = limits;
  }
  checkTime(): void {
    if (Date.now() - this.started > this.limits.timeMs) {
      throw new SpreadsheetError(`La lecture du classeur dépasse la durée autorisée (${this.limits.timeMs / 1000} s).${SPLIT}`, "time");
    }
  }
}

/**
 * Inflates one entry, handing its text to `onText` piece by piece. Refuses an entry that inflates
 * to more than it declared, to more than `maxBytes`, or the workbook beyond its total budget.
 */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: Budget, maxBytes: number, onText: (text: string) => void): void {
  if (entry.flags & 1) throw new SpreadsheetError("Le classeur est protégé par un mot de passe : enregistrez-le sans chiffrement.");
  if (entry.declaredSize > maxBytes) throw new SpreadsheetError(`Le classeur décompressé dépasse ${mb(maxBytes)} (${entry.name}).${SPLIT}`, "inflated_size");
  if (budget.inflated + entry.declaredSize > budget.limits.inflatedBytes) throw new SpreadsheetError(`Le classeur décompressé dépasse ${mb(budget.limits.inflatedBytes)}.${SPLIT}`, "inflated_size");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new SpreadsheetError(NOT_A_ZIP);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new SpreadsheetError(NOT_A_ZIP);
  const decoder = new TextDecoder("utf-8");
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    budget.inflated += chunk.length;
    if (produced > entry.declaredSize) {
      throw new SpreadsheetError(
        `Le classeur est corrompu ou piégé : « ${entry.name} » se décompresse en plus des ${int(entry.declaredSize)} octets annoncés. Lecture arrêtée, rien n'a été importé.`,
      );
    }
    if (budget.inflated > budget.limits.inflatedBytes) throw new SpreadsheetError(`Le classeur décompressé dépasse ${mb(budget.limits.inflatedBytes)}.${SPLIT}`, "inflated_size");
    onText(decoder.decode(chunk, { stream: true }));
  };
  if (entry.method === 0) {
    for (let at = start; at < end; at += STEP * 64) take(bytes.subarray(at, Math.min(end, at + STEP * 64)));
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      for (let at = start; at < end; at += STEP) {
        inflate.push(bytes.subarray(at, Math.min(end, at + STEP)), at + STEP >= end);
        if (((at - start) & 0xffff) === 0) budget.checkTime();
      }
    } catch (error) {
      if (error instanceof SpreadsheetError) throw error;
      throw new SpreadsheetError(`Le classeur est illisible (${entry.name} : données compressées invalides).`);
    }
  } else {
    throw new SpreadsheetError(`Le classeur utilise une compression non prise en charge (${entry.name}).`);
  }
  if (produced !== entry.declaredSize) throw new SpreadsheetError(`Le classeur est corrompu : « ${entry.name} » ne fait pas la taille annoncée.`);
  onText(decoder.decode());
  budget.checkTime();
}

function inflateText(bytes: Uint8Array, entry: ZipEntry, budget: Budget, maxBytes: number): string {
  const parts: string[] = [];
  inflateEntry(bytes, entry, budget, maxBytes, (t) => parts.push(t));
  return parts.join("");
}

// ---- XML scanning ------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? "");
  return out;
}

/** Text of the `<t>` elements of a string item (shared string or inline string), phonetic runs left out. */
function runText(xml: string): string {
  let out = "";
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? "");
  return out;
}

/**
 * Feeds text to `onElement` one complete `<tag …>…</tag>` (or `<tag …/>`) at a time, keeping at
 * most `maxPending` characters of an unfinished element.
 */
function elementScanner(tag: string, maxPending: number, tooLarge: () => SpreadsheetError, onElement: (attrs: string, body: string) => void) {
  const close = `</${tag}>`;
  const pattern = new RegExp(`<${tag}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${tag}>)`, "g");
  let pending = "";
  const scan = (text: string) => {
    for (const m of text.matchAll(pattern)) onElement(m[1] ?? "", m[2] ?? "");
  };
  return {
    push(text: string) {
      pending += text;
      const last = pending.lastIndexOf(close);
      if (last >= 0) {
        const cut = last + close.length;
        scan(pending.slice(0, cut));
        pending = pending.slice(cut);
      }
      if (pending.length > maxPending) throw tooLarge();
    },
    end() {
      scan(pending);
      pending = "";
    },
  };
}

type XmlNode = Record<string, unknown>;
const arr = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v ? [v as XmlNode] : []);

function parseXml(text: string, what: string): XmlNode {
  try {
    return parser.parse(text) as XmlNode;
  } catch {
    throw new SpreadsheetError(`Le classeur est illisible (${what} : XML invalide).`);
  }
}

export function readWorkbook(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Workbook {
  const entries = readCentralDirectory(bytes);
  const budget = new Budget(limits);
  const metadata = (name: string, required: boolean): string | undefined => {
    const entry = entries.get(name);
    if (!entry) {
      if (required) throw new SpreadsheetError(`Le classeur est incomplet : ${name} manquant.`);
      return undefined;
    }
    return inflateText(bytes, entry, budget, limits.metadataBytes);
  };

  const workbook = parseXml(metadata("xl/workbook.xml", true)!, "xl/workbook.xml").workbook as XmlNode | undefined;
  if (!workbook) throw new SpreadsheetError("Le fichier n'est pas un classeur .xlsx (workbook absent).");
  const rels = (parseXml(metadata("xl/_rels/workbook.xml.rels", true)!, "xl/_rels/workbook.xml.rels").Relationships as XmlNode | undefined) ?? {};
  const targets = new Map(arr(rels.Relationship).map((r) => [String(r.Id), String(r.Target)]));
  const sheets = arr((workbook.sheets as XmlNode | undefined)?.sheet).map((s) => {
    const target = targets.get(String(s["r:id"])) ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    return { name: String(s.name), path };
  });

  const dateStyles = new Set<number>();
  const stylesText = metadata("xl/styles.xml", false);
  if (stylesText) {
    const styleSheet = parseXml(stylesText, "styles").styleSheet as XmlNode | undefined;
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

  const tooManyCells = () => new SpreadsheetError(`Le classeur contient plus de ${int(limits.cells)} cellules.${SPLIT}`, "cells");
  const shared: string[] = [];
  const sharedEntry = entries.get("xl/sharedStrings.xml");
  if (sharedEntry) {
    const scanner = elementScanner("si", limits.rowBytes, () => new SpreadsheetError(`Une chaîne du classeur dépasse ${mb(limits.rowBytes)}.${SPLIT}`, "row_size"), (_attrs, body) => {
      if (++budget.cells > limits.cells) throw tooManyCells();
      shared.push(runText(body));
    });
    inflateEntry(bytes, sharedEntry, budget, limits.inflatedBytes, (t) => scanner.push(t));
    scanner.end();
  }

  const cache = new Map<string, SheetRow[]>();
  return {
    sheetNames: sheets.map((s) => s.name),
    sheet(name) {
      const target = sheets.find((s) => s.name === name);
      if (!target) return undefined;
      const cached = cache.get(name);
      if (cached) return cached;
      const entry = entries.get(target.path);
      if (!entry) throw new SpreadsheetError(`Le classeur est incomplet : feuille « ${name} » manquante.`);
      const rows: SheetRow[] = [];
      let seen = 0;
      const scanner = elementScanner("row", limits.rowBytes, () => new SpreadsheetError(`Une ligne de la feuille « ${name} » dépasse ${mb(limits.rowBytes)}.${SPLIT}`, "row_size"), (rowAttrs, body) => {
        seen++;
        if (seen > limits.rows) throw new SpreadsheetError(`La feuille « ${name} » dépasse ${int(limits.rows)} lignes.${SPLIT}`, "rows");
        const cells = new Map<number, CellValue>();
        let i = 0;
        for (const m of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          if (++budget.cells > limits.cells) throw tooManyCells();
          const a = attributes(m[1] ?? "");
          const inner = m[2] ?? "";
          const col = a.r ? columnIndex(a.r) : i;
          i = col + 1;
          const type = a.t ?? "n";
          const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner);
          const raw = v ? unescapeXml(v[1]!) : undefined;
          let value: CellValue | undefined;
          if (type === "s") value = shared[Number(raw)] ?? "";
          else if (type === "inlineStr") value = runText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "");
          else if (type === "str" || type === "e") value = raw ?? "";
          else if (type === "b") value = raw === "1";
          else if (raw !== undefined) {
            const n = Number(raw);
            value = Number.isFinite(n) && dateStyles.has(Number(a.s ?? 0)) ? { date: excelSerialToIso(n) } : n;
          }
          if (value !== undefined && value !== "") cells.set(col, value);
        }
        const r = Number(attributes(rowAttrs).r);
        if (cells.size > 0) rows.push({ row: Number.isInteger(r) && r > 0 ? r : seen, cells });
      });
      inflateEntry(bytes, entry, budget, limits.inflatedBytes, (t) => scanner.push(t));
      scanner.end();
      cache.set(name, rows);
      return rows;
    },
  };
}
