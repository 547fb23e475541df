// Who is calling: a user, the memberships that give them rights, and how they authenticated.
import type { MembershipRole } from "../../common/domain/roles.ts";

export interface ActorMembership {
  id: string;
  structure_id: string;
  structure_name: string;
  role: MembershipRole;
  territory_id: string | null;
  territory_name: string | null;
}

export interface Actor {
  user_id: string;
  name: string;
  email: string;
  is_admin: boolean;
  memberships: ActorMembership[];
  via: "session" | "token";
  session_id: string | null;
  csrf_token: string | null;
  token_id: string | null;
  /** A cookie session's two deadlines (idle: last activity + idle minutes; absolute); absent for tokens. */
  session_expiry?: SessionExpiry;
}

export interface SessionExpiry {
  idle_expires_at: Date;
  expires_at: Date;
}

export function membershipsWithRole(actor: Actor, ...roles: MembershipRole[]): ActorMembership[] {
  return actor.memberships.filter((m) => roles.includes(m.role));
}

// Membership changes are events: whoever keeps an actor's memberships (the per-session cache of
// auth.service.ts) listens and forgets them. In process only: other app instances keep theirs for at
// most MEMBERSHIP_CACHE_TTL_MS, which bounds how long a removed role still acts there.
type MembershipListener = (userId: string | null) => void;
const membershipListeners = new Set<MembershipListener>();

export function onMembershipsChanged(listener: MembershipListener): () => void {
  membershipListeners.add(listener);
  return () => membershipListeners.delete(listener);
}

/** A user's memberships changed (null: any user's, e.g. a structure moved to another territory). */
export function membershipsChanged(userId: string | null): void {
  for (const listener of membershipListeners) listener(userId);
}
