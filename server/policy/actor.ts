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
}

export function membershipsWithRole(actor: Actor, ...roles: MembershipRole[]): ActorMembership[] {
  return actor.memberships.filter((m) => roles.includes(m.role));
}
