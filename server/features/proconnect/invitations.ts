// ProConnect and invitations: an invited person who signs in with ProConnect (same verified
// e-mail) gets the account the invitation promised, with no password to choose.
import type { Db } from "../../db/client.ts";
import type { UserRow } from "../auth/auth.repository.ts";
import { acceptPendingInvitationsByEmail } from "../invitations/invitations.service.ts";

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
export async function acceptPendingInvitation(deps: { db: Db }, identity: InvitedIdentity): Promise<UserRow | null> {
  const name = [identity.given_name, identity.usual_name].filter(Boolean).join(" ").trim();
  return acceptPendingInvitationsByEmail(deps.db, { email: identity.email, name: name || null });
}
