// The minutes of a committee session as a document: its sections as plain data, the one source of
// what the minutes say. The server renders them as a PDF (server/features/committees/minutes-pdf.ts)
// and the web as a printable page (web/src/features/committees/MinutesPage.tsx), like the contract
// (contract-document.ts).
import type { DocumentBlock } from "./contract-document.ts";
import { formatDateFr } from "./dates.ts";

export interface MinutesInput {
  committee: { name: string; kind_label: string; territory_name: string; location: string | null };
  session: { date: string; time: string; status_label: string };
  attendance: { name: string; structure_name: string; status_label: string }[];
  situations: {
    position: number;
    person_name: string;
    submitted_by: string;
    question: string;
    outcome_label: string | null;
    summary: string | null;
    actions: { title: string; carried_by: string; due_on: string }[];
    follow_up_on: string | null;
  }[];
  today: string;
}

/** The contract's blocks, without places to sign. */
export type MinutesBlock = Exclude<DocumentBlock, { kind: "signatures" }>;
export interface MinutesSection {
  id: string;
  heading: string;
  blocks: MinutesBlock[];
}

export interface MinutesDocument {
  title: string;
  subtitle: string;
  sections: MinutesSection[];
}

export function minutesDocument(input: MinutesInput): MinutesDocument {
  const { committee, session } = input;
  const header: MinutesBlock[] = [
    { kind: "field", label: "Comité", value: `${committee.name} (${committee.kind_label})` },
    { kind: "field", label: "Territoire", value: committee.territory_name },
    { kind: "field", label: "Séance", value: `${formatDateFr(session.date)} à ${session.time.replace(":", " h ")}` },
    { kind: "field", label: "Lieu", value: committee.location ?? "non renseigné" },
    { kind: "field", label: "État", value: session.status_label },
  ];
  const attendance: MinutesBlock[] = input.attendance.length
    ? [{ kind: "list", items: input.attendance.map((a) => `${a.name} (${a.structure_name}) : ${a.status_label}`) }]
    : [{ kind: "text", text: "Présences non enregistrées.", muted: true }];
  const situations: MinutesSection[] = input.situations.map((s) => ({
    id: `situation-${s.position}`,
    heading: `Situation ${s.position} — ${s.person_name}`,
    blocks: [
      { kind: "field", label: "Présentée par", value: s.submitted_by },
      { kind: "field", label: "Question posée au comité", value: s.question },
      { kind: "field", label: "Décision", value: s.outcome_label ?? "Pas encore de décision" },
      ...(s.summary ? [{ kind: "text" as const, text: s.summary }] : []),
      ...(s.actions.length ? [{ kind: "list" as const, items: s.actions.map((a) => `${a.title} — ${a.carried_by}, pour le ${formatDateFr(a.due_on)}`) }] : []),
      ...(s.follow_up_on ? [{ kind: "field" as const, label: "Point de suivi", value: formatDateFr(s.follow_up_on) }] : []),
    ],
  }));
  return {
    title: `Compte rendu — ${committee.name}`,
    subtitle: `Séance du ${formatDateFr(session.date)} · établi le ${formatDateFr(input.today)} · document confidentiel (charte de confidentialité du territoire)`,
    sections: [
      { id: "seance", heading: "Séance", blocks: header },
      { id: "presences", heading: "Présences", blocks: attendance },
      ...(situations.length ? situations : [{ id: "situations", heading: "Situations", blocks: [{ kind: "text" as const, text: "Aucune situation à l'ordre du jour.", muted: true }] }]),
    ],
  };
}
