// One place that configures zod for the whole code base (server and web): plain French messages
// for the common cases, zod's French locale for the rest.
import { z } from "zod";
import { fr } from "zod/locales";
import type { $ZodRawIssue } from "zod/v4/core";

type Issue = $ZodRawIssue;

const FORMATS: Record<string, string> = {
  email: "Adresse électronique invalide (format : nom@domaine.fr)",
  date: "Date invalide (format attendu : AAAA-MM-JJ)",
  datetime: "Date et heure invalides",
  uuid: "Identifiant invalide",
  url: "Adresse web invalide (elle commence par https://)",
};

export function frenchMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Champ obligatoire";
      return issue.expected === "string" ? "Texte attendu" : issue.expected === "number" || issue.expected === "int" ? "Nombre attendu" : issue.expected === "boolean" ? "Valeur oui/non attendue" : undefined;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Champ obligatoire" : `${issue.minimum} caractères au moins`;
      if (issue.origin === "number") return `La valeur doit être supérieure ou égale à ${issue.minimum}`;
      if (issue.origin === "array") return `${issue.minimum} élément(s) au moins`;
      return undefined;
    case "too_big":
      if (issue.origin === "string") {
        const typed = typeof issue.input === "string" ? ` (vous en avez saisi ${issue.input.length.toLocaleString("fr-FR")})` : "";
        return `${Number(issue.maximum).toLocaleString("fr-FR")} caractères au plus${typed}`;
      }
      if (issue.origin === "number") return `La valeur doit être inférieure ou égale à ${issue.maximum}`;
      if (issue.origin === "array") return `${issue.maximum} élément(s) au plus`;
      return undefined;
    case "invalid_format":
      return FORMATS[issue.format] ?? undefined;
    case "invalid_value": {
      const values = issue.values.map(String);
      return `Valeur inconnue ; valeurs possibles : ${values.slice(0, 12).join(", ")}${values.length > 12 ? "…" : ""}`;
    }
    default:
      return undefined;
  }
}

z.config(fr());
z.config({ customError: frenchMessage });

export { z };
