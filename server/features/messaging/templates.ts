// The French templates of the messages spie sends: a subject, a plain-text body and an HTML body
// (every variable escaped). Bodies carry the link and what the recipient needs to trust it, never
// personal data about anyone else nor a password.

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

interface Template {
  /** Shown in the platform admins' outbox. */
  label: string;
  /** The variables the template needs. */
  variables: readonly string[];
  render(data: Record<string, string>): Rendered;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const SIGNATURE = "L'équipe spie — Service public de l'insertion et de l'emploi";
const FOOTER = "Ce message est envoyé automatiquement : n'y répondez pas. Si vous n'êtes pas à l'origine de cette démarche, ignorez-le.";

/** A simple accessible HTML mail: lang, title, paragraphs, one link. */
function html(subject: string, paragraphs: string[], link: { href: string; label: string }, after: string[]): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  return [
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:Marianne,Arial,sans-serif;font-size:16px;line-height:1.5;color:#161616">`,
    ...paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(link.href)}" style="color:#000091">${escapeHtml(link.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:14px">Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(link.href)}</p>`,
    ...after.map(p),
    `<p style="margin:24px 0 0;font-size:14px;color:#666">${escapeHtml(SIGNATURE)}<br>${escapeHtml(FOOTER)}</p>`,
    `</body></html>`,
  ].join("\n");
}

function text(paragraphs: string[], link: string, after: string[]): string {
  return [...paragraphs, link, ...after, "—", SIGNATURE, FOOTER].join("\n\n") + "\n";
}

const TEMPLATES = {
  invitation: {
    label: "Invitation à rejoindre une structure",
    variables: ["structure", "role", "link", "expires"],
    render(d) {
      const subject = `Invitation à rejoindre ${d.structure} sur spie`;
      const intro = [
        "Bonjour,",
        `Vous êtes invité·e à rejoindre la structure « ${d.structure} » sur spie, la plateforme du Service public de l'insertion et de l'emploi, avec le rôle : ${d.role}.`,
        "Pour accepter l'invitation, ouvrez ce lien :",
      ];
      const after = [`Ce lien est personnel et ne sert qu'une fois. Il est valable jusqu'au ${d.expires}.`];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Accepter l'invitation" }, after) };
    },
  },
  password_reset: {
    label: "Mot de passe oublié",
    variables: ["link"],
    render(d) {
      const subject = "Choisir un nouveau mot de passe spie";
      const intro = ["Bonjour,", "Une demande de nouveau mot de passe a été faite pour votre compte spie.", "Pour choisir un nouveau mot de passe, ouvrez ce lien :"];
      const after = [
        "Ce lien est personnel, ne sert qu'une fois et n'est valable qu'une heure. Une fois le mot de passe changé, toutes vos sessions ouvertes sont fermées.",
        "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
      ];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Choisir un nouveau mot de passe" }, after) };
    },
  },
  unmet_need_service: {
    label: "Nouveau service pour un besoin sans solution",
    // `lines`: one line per service and need, written by the unmet-needs feature (what the recipient
    // recorded themself: thematic, commune, date, their own description; never a person).
    variables: ["count", "lines", "link"],
    render(d) {
      const many = d.count !== "1";
      const subject = many ? `De nouveaux services pour ${d.count} besoins que vous avez signalés` : "Un nouveau service pour un besoin que vous avez signalé";
      const intro = [
        "Bonjour,",
        many
          ? `De nouveaux services de l'annuaire spie correspondent à ${d.count} besoins sans solution que vous avez signalés (même thématique, commune couverte) :`
          : "Un nouveau service de l'annuaire spie correspond à un besoin sans solution que vous avez signalé (même thématique, commune couverte) :",
        ...d.lines!.split("\n").filter((l) => l.trim() !== ""),
        "Pour consulter vos besoins signalés et les clore s'ils sont résolus, ouvrez ce lien :",
      ];
      const after = ["Vérifiez les conditions d'accès du service avant d'y orienter une personne."];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Voir mes besoins signalés" }, after) };
    },
  },
  committee_dispatch: {
    label: "Ordre du jour d'un comité",
    variables: ["committee", "date", "count", "link"],
    render(d) {
      const subject = `Ordre du jour du ${d.committee} du ${d.date}`;
      const intro = [
        "Bonjour,",
        `L'ordre du jour de la séance du ${d.date} du comité « ${d.committee} » est arrêté : ${d.count} situation(s).`,
        "Les situations ne sont consultables que sur spie, après signature de la charte de confidentialité du territoire :",
      ];
      const after = ["Ce message ne contient volontairement aucune information sur les personnes."];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Consulter l'ordre du jour" }, after) };
    },
  },
  committee_carried_over: {
    label: "Saisine reportée à une séance suivante",
    variables: ["committee", "full_date", "date", "link"],
    render(d) {
      const subject = `Votre saisine du comité « ${d.committee} » est inscrite au ${d.date}`;
      const intro = [
        "Bonjour,",
        `La séance du ${d.full_date} du comité « ${d.committee} » est complète : la situation que vous avez présentée est inscrite à la séance du ${d.date}.`,
        "Pour suivre la saisine :",
      ];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Voir la séance" }, []) };
    },
  },
  committee_decision: {
    label: "Décision d'un comité sur une saisine",
    variables: ["committee", "date", "link"],
    render(d) {
      const subject = `Décision du comité « ${d.committee} » du ${d.date}`;
      const intro = [
        "Bonjour,",
        `Le comité « ${d.committee} » a examiné lors de sa séance du ${d.date} une situation que vous lui avez présentée. Vous restez l'interlocuteur·rice unique de la personne.`,
        "La décision est consultable sur spie :",
      ];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Voir la décision" }, []) };
    },
  },
  committee_minutes: {
    label: "Compte rendu d'un comité",
    variables: ["committee", "date", "link"],
    render(d) {
      const subject = `Compte rendu du comité « ${d.committee} » du ${d.date}`;
      const intro = ["Bonjour,", `Le compte rendu de la séance du ${d.date} du comité « ${d.committee} » est disponible sur spie :`];
      const after = ["Ce message ne contient volontairement aucune information sur les personnes."];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Lire le compte rendu" }, after) };
    },
  },
  // Referrals: the mails name the service and the structures, never the person (the page behind the
  // link shows what was sent, to those allowed to see it).
  referral_received: {
    label: "Orientation reçue (structure sur la plateforme)",
    variables: ["service", "sender_structure", "link", "due"],
    render(d) {
      const subject = `Nouvelle orientation vers « ${d.service} »`;
      const intro = ["Bonjour,", `${d.sender_structure} vous adresse une orientation vers votre service « ${d.service} » sur spie.`, `Une réponse est attendue avant le ${d.due}. Pour la consulter et y répondre :`];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Voir l'orientation" }, []) };
    },
  },
  referral_link: {
    label: "Orientation reçue (lien signé, structure de l'annuaire)",
    variables: ["service", "sender_structure", "link", "due", "expires"],
    render(d) {
      const subject = `Orientation vers votre service « ${d.service} »`;
      const intro = [
        "Bonjour,",
        `${d.sender_structure} vous adresse, par spie (la plateforme du Service public de l'insertion et de l'emploi), une orientation vers votre service « ${d.service} », tel qu'il est décrit dans l'annuaire.`,
        `Une réponse est attendue avant le ${d.due}. Vous pouvez la consulter et y répondre sans compte, par ce lien :`,
      ];
      const after = [`Ce lien est valable jusqu'au ${d.expires}. Ne le transférez qu'aux personnes de votre structure chargées de répondre.`];
      return { subject, text: text(intro, d.link!, after), html: html(subject, intro, { href: d.link!, label: "Voir et répondre à l'orientation" }, after) };
    },
  },
  referral_reminder: {
    label: "Rappel : orientation sans réponse",
    variables: ["service", "link", "due"],
    render(d) {
      const subject = `Rappel : une orientation vers « ${d.service} » attend votre réponse`;
      const intro = ["Bonjour,", `Une orientation vers votre service « ${d.service} » attend une réponse avant le ${d.due}.`, "Pour y répondre :"];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Répondre à l'orientation" }, []) };
    },
  },
  referral_overdue: {
    label: "Orientation en retard (relance et escalade)",
    variables: ["service", "structure", "link", "due"],
    render(d) {
      const subject = `En retard : orientation vers « ${d.service} » sans réponse`;
      const intro = [
        "Bonjour,",
        `Une orientation vers le service « ${d.service} » (${d.structure}) n'a pas reçu de réponse dans le délai de 72 heures ouvrées (échéance : ${d.due}).`,
        "Ce message est adressé à la structure, à ses administrateur·rices et à l'équipe de coordination du territoire. Pour voir les orientations en attente :",
      ];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Voir les orientations en attente" }, []) };
    },
  },
  referral_answer: {
    label: "Réponse à une orientation envoyée",
    variables: ["service", "status", "link"],
    render(d) {
      const subject = `Orientation vers « ${d.service} » : ${d.status}`;
      const intro = ["Bonjour,", `L'orientation que vous avez envoyée vers « ${d.service} » est désormais : ${d.status}.`, "Pour voir le détail :"];
      return { subject, text: text(intro, d.link!, []), html: html(subject, intro, { href: d.link!, label: "Voir l'orientation" }, []) };
    },
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function templateLabel(name: string): string {
  return (TEMPLATES as Record<string, Template>)[name]?.label ?? name;
}

export function render(name: string, data: Record<string, string>): Rendered {
  const template = (TEMPLATES as Record<string, Template>)[name];
  if (!template) throw new Error(`unknown message template "${name}"`);
  const missing = template.variables.filter((v) => typeof data[v] !== "string");
  if (missing.length) throw new Error(`message template "${name}" misses ${missing.join(", ")}`);
  return template.render(data);
}
