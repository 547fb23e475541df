// The contract as a document: its sections, in order, as plain data. The one source of what the
// contract says on paper: the server renders it as a PDF (server/features/contracts/contract-pdf.ts)
// and the web as a printable page (web/src/features/contracts/ContractPrintPage.tsx).
//
// What it must carry (loi n° 2023-1196 « pour le plein emploi », Code du travail L5411-6 and
// following; CASF L262-35 and following for RSA recipients): the parties and the référent; the
// objectives and the actions, the commitments of the person and of the structure; the weekly
// activity target (15 hours, reduced or waived only for a reason written in the contract); the
// dates; the signatures; and the person's rights — to see and correct what is recorded, to be heard
// before a sanction, and to appeal. The mentions below are written for this project in plain French.
import { CONTRACT_STATUS_LABELS, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHOD_LABELS, type ContractStatus, type ContractType, type SignatureMethod } from "./contracts.ts";
import { formatDateFr } from "./dates.ts";

export type DocumentBlock =
  | { kind: "field"; label: string; value: string }
  | { kind: "text"; text: string; muted?: boolean }
  | { kind: "list"; items: string[] }
  /** Places to sign, one per party. */
  | { kind: "signatures"; parties: { label: string; name: string }[] };

export interface DocumentSection {
  id: string;
  heading: string;
  blocks: DocumentBlock[];
}

export interface ContractDocument {
  title: string;
  subtitle: string;
  sections: DocumentSection[];
}

export interface ContractDocumentInput {
  person: { name: string; birth_date: string; referent: { name: string; structure_name: string } | null };
  contract: {
    type: ContractType;
    status: ContractStatus;
    version: number;
    objectives: string | null;
    person_commitments: string | null;
    structure_commitments: string | null;
    weekly_hours: number;
    weekly_hours_reason: string | null;
    starts_on: string;
    ends_on: string;
    signed_on: string | null;
    signature_method: SignatureMethod | null;
    ended_on: string | null;
    end_reason: string | null;
    structure: { name: string } | null;
    versions: { version: number; kind: string; reason: string | null; at: string }[];
  };
  today: string;
}

const orNone = (text: string | null, none: string) => (text && text.trim() ? text : none);

/** The rights of the person, said plainly (always printed). */
export const CONTRACT_RIGHTS: DocumentBlock[] = [
  {
    kind: "text",
    text: "Ce contrat est établi avec vous et ne vaut qu'avec votre signature. Vous en recevez un exemplaire. Si votre situation change, vous pouvez demander à le modifier : la modification est écrite dans un avenant, avec sa raison.",
  },
  {
    kind: "text",
    text: "Vos informations. Ce qui est écrit dans ce contrat est enregistré dans votre dossier d'accompagnement, que seules les personnes qui vous accompagnent peuvent consulter. Vous avez le droit de voir ce qui vous concerne (droit d'accès) et de faire corriger ce qui est inexact ou incomplet (droit de rectification) : adressez-vous à votre référent·e ou à la structure qui signe ce contrat. Vous pouvez aussi savoir qui a consulté votre dossier. Si vous estimez que vos droits ne sont pas respectés, vous pouvez vous adresser à la CNIL (www.cnil.fr).",
  },
  {
    kind: "text",
    text: "Si un engagement n'est pas tenu. Avant toute décision qui réduirait ou suspendrait votre allocation, vous êtes prévenu·e par écrit et vous pouvez expliquer votre situation, seul·e ou accompagné·e de la personne de votre choix.",
  },
  {
    kind: "text",
    text: "Contester une décision. Si vous n'êtes pas d'accord avec une décision prise au sujet de ce contrat ou de votre allocation, vous pouvez demander à l'autorité qui l'a prise de la revoir, dans les deux mois qui suivent le moment où elle vous a été communiquée. Pour le RSA, cette demande est adressée au président ou à la présidente du conseil départemental ; elle est obligatoire avant de pouvoir saisir le tribunal administratif. Votre référent·e peut vous aider à la rédiger.",
  },
];

export function contractDocument({ person, contract: c, today }: ContractDocumentInput): ContractDocument {
  const reduced = c.weekly_hours < DEFAULT_WEEKLY_HOURS;
  const amendments = c.versions.filter((v) => v.kind === "amended");
  const referent = person.referent ? `${person.referent.name} (${person.referent.structure_name})` : "non désigné·e";
  const sections: DocumentSection[] = [
    {
      id: "parties",
      heading: "Les parties",
      blocks: [
        { kind: "field", label: "La personne accompagnée", value: `${person.name}, né·e le ${formatDateFr(person.birth_date)}` },
        { kind: "field", label: "La structure qui s'engage", value: c.structure?.name ?? "non renseignée" },
        { kind: "field", label: "Référent·e unique", value: referent },
        { kind: "text", text: "Le ou la référent·e est votre interlocuteur ou interlocutrice pour tout ce qui concerne ce contrat.", muted: true },
      ],
    },
    {
      id: "duree",
      heading: "Durée du contrat",
      blocks: [
        { kind: "field", label: "Période", value: `du ${formatDateFr(c.starts_on)} au ${formatDateFr(c.ends_on)}` },
        ...(c.ended_on ? [{ kind: "field" as const, label: "Fin anticipée ou constatée", value: `le ${formatDateFr(c.ended_on)}${c.end_reason ? ` — ${c.end_reason}` : ""}` }] : []),
      ],
    },
    { id: "objectifs", heading: "Objectifs", blocks: [{ kind: "text", text: orNone(c.objectives, "Aucun objectif écrit.") }] },
    { id: "engagements-personne", heading: "Vos engagements", blocks: [{ kind: "text", text: orNone(c.person_commitments, "Aucun engagement écrit.") }] },
    {
      id: "engagements-structure",
      heading: "Les engagements de la structure et du ou de la référent·e",
      blocks: [{ kind: "text", text: orNone(c.structure_commitments, "Aucun engagement écrit.") }],
    },
    {
      id: "activite",
      heading: "Activité hebdomadaire",
      blocks: [
        { kind: "field", label: "Objectif d'activité", value: c.weekly_hours === 0 ? "dispense d'activité" : `${c.weekly_hours} heures par semaine` },
        ...(reduced ? [{ kind: "field" as const, label: c.weekly_hours === 0 ? "Motif de la dispense" : "Motif de la réduction", value: orNone(c.weekly_hours_reason, "non renseigné") }] : []),
        {
          kind: "text",
          text: `La règle est d'au moins ${DEFAULT_WEEKLY_HOURS} heures d'activité par semaine : formation, ateliers, immersion en entreprise, démarches d'accès à l'emploi ou aux droits. Cette durée peut être réduite, ou l'activité dispensée, quand votre situation le justifie (santé, handicap, enfant à garder sans solution de garde…) ; la raison est alors écrite ici.`,
          muted: true,
        },
      ],
    },
  ];
  if (amendments.length > 0) {
    sections.push({
      id: "avenants",
      heading: "Avenants",
      blocks: [{ kind: "list", items: amendments.map((v, i) => `Avenant n° ${i + 1} du ${formatDateFr(v.at)} (version ${v.version}) : ${v.reason ?? "motif non renseigné"}`) }],
    });
  }
  sections.push({
    id: "signatures",
    heading: "Signatures",
    blocks: [
      ...(c.signed_on
        ? [{ kind: "field" as const, label: "Signé le", value: `${formatDateFr(c.signed_on)}${c.signature_method ? ` (${SIGNATURE_METHOD_LABELS[c.signature_method].toLowerCase()})` : ""}` }]
        : [{ kind: "text" as const, text: "Fait à ………………………………, le ……………………" }]),
      {
        kind: "signatures",
        parties: [
          { label: "La personne accompagnée", name: person.name },
          { label: "Pour la structure, le ou la référent·e", name: person.referent ? person.referent.name : "" },
        ],
      },
    ],
  });
  sections.push({ id: "droits", heading: "Vos droits", blocks: CONTRACT_RIGHTS });
  return {
    title: `${CONTRACT_TYPE_LABELS[c.type]} — ${person.name}`,
    subtitle: `${CONTRACT_STATUS_LABELS[c.status]} · Version ${c.version} · Document édité le ${formatDateFr(today)}`,
    sections,
  };
}
