// A contract as a document to sign and keep (PDF).
import { CONTRACT_STATUS_LABELS, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHOD_LABELS } from "../../../common/domain/contracts.ts";
import { formatDateFr } from "../../../common/domain/dates.ts";
import type { Contract } from "../../../common/schemas/contracts.ts";
import { createPdf } from "../pathway/pdf.ts";

export async function renderContract(person: { name: string; birth_date: string; referent: string | null }, c: Contract, today: string): Promise<Buffer> {
  const pdf = createPdf({ title: `${CONTRACT_TYPE_LABELS[c.type]} — ${person.name}`, subject: "Contrat du Service public de l'insertion et de l'emploi" });
  pdf.title(
    `${CONTRACT_TYPE_LABELS[c.type]} — ${person.name}`,
    `Né·e le ${formatDateFr(person.birth_date)} · Du ${formatDateFr(c.starts_on)} au ${formatDateFr(c.ends_on)} · ${CONTRACT_STATUS_LABELS[c.status]} · Version ${c.version} · Document édité le ${formatDateFr(today)}`,
  );
  pdf.field("Structure signataire", c.structure?.name ?? null);
  pdf.field("Référent·e unique", person.referent);
  pdf.section("Objectifs");
  pdf.paragraph(c.objectives ?? "non renseigné");
  pdf.section("Engagements de la personne");
  pdf.paragraph(c.person_commitments ?? "non renseigné");
  pdf.section("Engagements de la structure");
  pdf.paragraph(c.structure_commitments ?? "non renseigné");
  pdf.section("Activité hebdomadaire");
  pdf.field("Objectif d'activité", c.weekly_hours === 0 ? "dispense" : `${c.weekly_hours} heures par semaine`);
  if (c.weekly_hours < DEFAULT_WEEKLY_HOURS) pdf.field("Motif de la réduction ou de la dispense", c.weekly_hours_reason);
  pdf.section("Signature");
  pdf.field("Signé le", c.signed_on ? formatDateFr(c.signed_on) : "à signer");
  pdf.field("Mode de signature", c.signature_method ? SIGNATURE_METHOD_LABELS[c.signature_method] : null);
  if (!c.signed_on) {
    pdf.paragraph("Signature de la personne :");
    pdf.paragraph("\n\n");
    pdf.paragraph("Signature du ou de la référent·e :");
  }
  return pdf.end();
}
