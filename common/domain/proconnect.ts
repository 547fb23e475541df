// Why a ProConnect sign-in did not open a session: the callback sends the browser back to the
// login page with `?erreur=<code>`, and the page shows the message.
export const PROCONNECT_ERRORS = {
  proconnect_aucun_compte: "Aucun compte spie n'est associé à cette adresse : demandez une invitation à l'administrateur de votre structure.",
  proconnect_email_non_verifie: "ProConnect n'a pas confirmé votre adresse électronique : aucun compte spie ne peut y être associé.",
  proconnect_compte_desactive: "Votre compte spie est désactivé : adressez-vous à l'administrateur de votre structure.",
  proconnect_etat_invalide: "La connexion par ProConnect a expiré ou a déjà été utilisée : recommencez.",
  proconnect_annule: "La connexion par ProConnect a été interrompue.",
  proconnect_echec: "La connexion par ProConnect a échoué : recommencez, ou utilisez votre mot de passe.",
  proconnect_indisponible: "ProConnect ne répond pas pour le moment : réessayez dans quelques minutes, ou utilisez votre mot de passe.",
} as const;

export type ProConnectError = keyof typeof PROCONNECT_ERRORS;

export function proconnectErrorMessage(code: string | null): string | null {
  return code && Object.hasOwn(PROCONNECT_ERRORS, code) ? PROCONNECT_ERRORS[code as ProConnectError] : null;
}
