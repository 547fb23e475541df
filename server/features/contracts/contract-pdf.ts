// A contract as a document to sign and keep (PDF): the sections of common/domain/contract-document.ts.
import { contractDocument, type ContractDocumentInput } from "../../../common/domain/contract-document.ts";
import type { Contract } from "../../../common/schemas/contracts.ts";
import { createPdf } from "../pathway/pdf.ts";

export async function renderContract(person: ContractDocumentInput["person"], c: Contract, today: string): Promise<Buffer> {
  const doc = contractDocument({ person, contract: c, today });
  const pdf = createPdf({ title: doc.title, subject: "Contrat du Service public de l'insertion et de l'emploi" });
  pdf.title(doc.title, doc.subtitle);
  for (const section of doc.sections) {
    pdf.section(section.heading);
    for (const block of section.blocks) {
      if (block.kind === "field") pdf.field(block.label, block.value);
      else if (block.kind === "text") pdf.paragraph(block.text, { muted: block.muted ?? false });
      else if (block.kind === "list") for (const item of block.items) pdf.paragraph(`• ${item}`);
      else {
        for (const party of block.parties) {
          pdf.subsection(party.label);
          pdf.paragraph(`${party.name ? `${party.name} — ` : ""}date et signature :\n\n\n`);
        }
      }
    }
  }
  return pdf.end();
}
