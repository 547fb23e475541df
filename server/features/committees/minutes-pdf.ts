// The minutes of a session as a PDF: the sections of common/domain/committee-minutes.ts (the web's
// printable page renders the same document).
import type { MinutesDocument } from "../../../common/domain/committee-minutes.ts";
import { createPdf } from "../pathway/pdf.ts";

export async function renderMinutes(doc: MinutesDocument): Promise<Buffer> {
  const pdf = createPdf({ title: doc.title, subject: "Compte rendu de comité — Service public de l'insertion et de l'emploi" });
  pdf.title(doc.title, doc.subtitle);
  for (const section of doc.sections) {
    pdf.section(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "field") pdf.field(block.label, block.value);
      else if (block.kind === "text") pdf.paragraph(block.text, { muted: block.muted ?? false });
      else if (block.kind === "list") for (const item of block.items) pdf.paragraph(`• ${item}`);
    }
  }
  return pdf.end();
}
