// Small PDF documents (the diagnostic portrait, a contract) with pdfkit's built-in Helvetica: A4,
// a title, sections, label/value lines and paragraphs. Built-in fonts only know the WinAnsi
// characters, so text is folded to them.
import PDFDocument from "pdfkit";

const REPLACEMENTS: Record<string, string> = {
  "−": "-",
  "–": "-",
  "—": "-",
  "→": "->",
  "≥": ">=",
  "≤": "<=",
  "\u202f": " ",
  "\u00a0": " ",
  "‑": "-",
};

/** Text the standard PDF fonts can show (WinAnsi): known symbols replaced, the rest dropped. */
export function pdfText(value: string): string {
  let out = "";
  for (const ch of value.normalize("NFC")) {
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (ch === "\t" || ch === "\n" || ch === "\r" || /[\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/.test(ch)) out += ch;
    else out += "?";
  }
  return out;
}

export interface PdfWriter {
  title(text: string, subtitle?: string): void;
  section(text: string): void;
  subsection(text: string): void;
  field(label: string, value: string | null | undefined): void;
  paragraph(text: string, options?: { muted?: boolean }): void;
  /** The finished document. */
  end(): Promise<Buffer>;
}

export function createPdf(meta: { title: string; subject?: string }): PdfWriter {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: pdfText(meta.title), Subject: pdfText(meta.subject ?? ""), Creator: "spie" }, lang: "fr-FR", displayTitle: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 100;
  return {
    title(text, subtitle) {
      doc.font("Helvetica-Bold").fontSize(18).fillColor("#000091").text(pdfText(text), { width });
      if (subtitle) doc.moveDown(0.2).font("Helvetica").fontSize(10).fillColor("#555555").text(pdfText(subtitle), { width });
      doc.moveDown(0.8).fillColor("#000000");
    },
    section(text) {
      doc.moveDown(0.6).font("Helvetica-Bold").fontSize(13).fillColor("#000091").text(pdfText(text), { width });
      doc.moveDown(0.3).fillColor("#000000");
    },
    subsection(text) {
      doc.moveDown(0.3).font("Helvetica-Bold").fontSize(11).fillColor("#000000").text(pdfText(text), { width });
    },
    field(label, value) {
      doc.font("Helvetica-Bold").fontSize(10).text(`${pdfText(label)} : `, { continued: true, width });
      doc.font("Helvetica").text(pdfText(value && value.trim() ? value : "non renseigné"), { width });
    },
    paragraph(text, options) {
      doc.font("Helvetica").fontSize(10).fillColor(options?.muted ? "#555555" : "#000000").text(pdfText(text), { width });
      doc.fillColor("#000000").moveDown(0.3);
    },
    end() {
      doc.end();
      return done;
    },
  };
}
