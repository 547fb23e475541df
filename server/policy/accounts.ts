// Who may do what with accounts and with the messages spie sends. Pure rules.
//
//   what                                          who may
//   --------------------------------------------  ---------------------------------------------------------
//   invite someone into a structure with a role   = grant that role (roles.ts mayGrantRole): platform admins;
//     (resend, revoke the invitation)               structure admins for professional / structure_admin of
//                                                   their structure; nobody invites themself or a platform admin
//   accept an invitation                          the holder of the link; for an existing account, only while
//                                                   signed in as that account (its consent)
//   deactivate or reactivate an account           platform admins, never their own account
//   read the outbox (GET /messages)               platform admins (recipient, template, status; never content)
//   see and end sessions, revoke API tokens       the account itself, its own only
import type { Actor } from "./actor.ts";
import type { Decision } from "./roles.ts";

export function mayReadOutbox(actor: Actor): boolean {
  return actor.is_admin;
}

export function mayManageAccounts(actor: Actor): boolean {
  return actor.is_admin;
}

export function mayDeactivate(actor: Actor, target: { id: string }): Decision {
  if (!actor.is_admin) return { allowed: false, reason: "Seuls les administrateurs de la plateforme désactivent des comptes." };
  if (target.id === actor.user_id) return { allowed: false, reason: "Vous ne pouvez pas désactiver votre propre compte." };
  return { allowed: true };
}

/** An existing account accepts an invitation only while signed in as itself. */
export function mayAcceptAs(actor: Actor | null, invitedEmail: string): Decision {
  if (!actor) return { allowed: false, reason: "Un compte existe déjà pour cette adresse : connectez-vous avec ce compte pour accepter l'invitation." };
  if (actor.email.toLowerCase() !== invitedEmail.toLowerCase()) {
    return { allowed: false, reason: "Cette invitation est adressée à un autre compte : déconnectez-vous, puis ouvrez de nouveau le lien." };
  }
  return { allowed: true };
}
