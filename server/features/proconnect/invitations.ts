// Hook for the invitations feature (issue 8: accounts are created when an invitation is accepted).
// The invitations are built on another branch; until they are merged this finds none, so a
// ProConnect sign-in never creates an account on this branch.
import type { Db } from "../../db/client.ts";
import type { UserRow } from "../auth/auth.repository.ts";

export interface InvitedIdentity {
  /** Lower-cased, verified by ProConnect (see proconnect.service.ts). */
  email: string;
  given_name: string | undefined;
  usual_name: string | undefined;
}

/**
 * When a pending (not expired, not revoked) invitation exists for this e-mail: accept it as the
 * invitation's own acceptance would (create the account with its memberships, name from the
 * identity, no password) and return the account; else null. The caller links the identity.
 */
export async function acceptPendingInvitation(_deps: { db: Db }, _identity: InvitedIdentity): Promise<UserRow | null> {
  return null;
}
