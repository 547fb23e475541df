// Who sees and moves referrals (see common/domain/referrals.ts for their life, people.ts for the
// `referral` relation the gate gives the receiving structure's members).
//
//   who                                          what
//   ───────────────────────────────────────────────────────────────────────────────────────────────────
//   the person's team (`refer`)                  sends a referral; reads its people's referrals ("sent");
//                                                cancels an open one; renews the signed link of a
//                                                directory-only service; opens the file from it
//   the coordinator of the person's territory    reads the referrals of the territory's files (as the file)
//   an active member (professional, structure    reads what was sent to the structure ("received": the
//     admin, coordinator) of the receiving       referral's own fields, the person's name and the contact
//     structure (`referral` relation)            elements the person consented to share), never the file;
//                                                makes the receiving side's moves
//   whoever holds the signed link of a           the same as a receiving member, for this one referral, while
//     directory-only service (public route,      the link is valid (8 days, HMAC-signed, the current version:
//     the token is the capability)               renewing it invalidates the older ones); every change needs a
//                                                POST (mail scanners only open links)
//   the structure's members, the territory's     the share of answers within the deadline (no person)
//     coordinators and steering, platform admins
//   anyone else                                  404 on a referral (its existence is not revealed)
import { sql, type SQL } from "drizzle-orm";
import { movesFrom, referralTransition, type ReferralParty, type ReferralStatus, type TransitionDecision, type TransitionInput } from "../../common/domain/referrals.ts";
import type { Crypto } from "../crypto.ts";
import { team_members } from "../features/people/people.tables.ts";
import type { Actor } from "./actor.ts";
import type { PersonAccess } from "./people.ts";
import { accompanyingMemberships, receivingMemberships } from "./people.ts";
import { coordinatorTerritories } from "./roles.ts";
import { steeredTerritories } from "./territories.ts";

/** The sides the caller acts for on this referral (a member of both the team and the receiving structure has both). */
export function referralParties(access: PersonAccess): ReferralParty[] {
  const parties: ReferralParty[] = [];
  if (access.permissions.refer) parties.push("sender");
  if (access.permissions.answer_referral) parties.push("receiver");
  return parties;
}

/** The party a move is made as, when the caller may make it; null otherwise. */
export function partyFor(parties: ReferralParty[], from: ReferralStatus, to: ReferralStatus): ReferralParty | null {
  return parties.find((p) => movesFrom(from, p).includes(to)) ?? null;
}

/**
 * The decision on a move by this caller: the state machine's, with the caller's side. A caller
 * with no side on it (the coordinator, who only reads) is refused like a move the state forbids for
 * their side (403 in the service).
 */
export function decideMove(access: PersonAccess, from: ReferralStatus, input: TransitionInput, context: { current_service_id?: string | null; by_link: boolean }): TransitionDecision & { party?: ReferralParty } {
  const parties = referralParties(access);
  const party = partyFor(parties, from, input.to) ?? parties[0];
  if (!party) return { ok: false, kind: "state", message: "Votre rôle ne permet pas de changer cette orientation." };
  return { ...referralTransition(from, party, input, context), party };
}

export function referralPermissions(access: PersonAccess, referral: { status: ReferralStatus; by_link: boolean }) {
  const parties = referralParties(access);
  const transitions = [...new Set(parties.flatMap((p) => movesFrom(referral.status, p)))];
  return {
    transitions,
    renew_link: access.permissions.refer && referral.by_link && (referral.status === "sent" || referral.status === "in_review" || referral.status === "accepted" || referral.status === "started"),
    open_file: access.permissions.read,
  };
}

/** SQL condition on `referrals`: those of the people in whose team the actor sits ("sent"). */
export function referralsOfMyPeople(actor: Actor): SQL {
  const ids = accompanyingMemberships(actor).map((m) => m.id);
  if (ids.length === 0) return sql`false`;
  return sql`exists (select 1 from ${team_members} tm where tm.person_id = "referrals"."person_id" and tm.left_at is null and tm.membership_id in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}))`;
}

/** The structures whose received referrals the actor sees, with the membership that gives each. */
export function receivingStructuresOf(actor: Actor): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of receivingMemberships(actor)) if (!map.has(m.structure_id)) map.set(m.structure_id, m.id);
  return map;
}

/**
 * Which structures' answer statistics the actor may read: null = all (platform admins); else the
 * structures they belong to and those of the territories they coordinate or steer (a SQL condition
 * on `structures`).
 */
export function statsScope(actor: Actor): SQL | null {
  if (actor.is_admin) return null;
  const structureIds = [...new Set(actor.memberships.map((m) => m.structure_id))];
  const territoryIds = [...new Set([...coordinatorTerritories(actor).keys(), ...steeredTerritories(actor).keys()])];
  const parts: SQL[] = [];
  if (structureIds.length) parts.push(sql`"structures"."id" in (${sql.join(structureIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (territoryIds.length) parts.push(sql`"structures"."territory_id" in (${sql.join(territoryIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

// ── The signed link of a directory-only service ────────────────────────────────────────────────────
//
// token = "<referral id, 32 hex>.<link version>.<expiry, epoch seconds in base 36>.<HMAC-SHA-256, base64url>"
// (under the router's 100-character limit of a path parameter), the HMAC taken over the first three
// parts with the signed-links key (crypto.sign). Nothing is stored but the version and the expiry on
// the referral: the link is valid while its signature is right, it has not expired, and its version
// is the referral's current one (the sender's renewal bumps it).

export interface LinkClaims {
  referral_id: string;
  version: number;
  expires_at: Date;
}

export function signReferralLink(crypto: Crypto, claims: LinkClaims): string {
  const payload = `${claims.referral_id.replace(/-/g, "").toLowerCase()}.${claims.version}.${Math.floor(claims.expires_at.getTime() / 1000).toString(36)}`;
  return `${payload}.${crypto.sign(payload)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: "invalid" | "expired" | "replaced" };

/** Checks a link's signature, its version (`current`: the referral's link state, null when unknown) and its expiry. */
export async function verifyReferralLink(
  crypto: Crypto,
  token: string,
  now: Date,
  current: (referralId: string) => Promise<{ version: number; by_link: boolean } | null | undefined>,
): Promise<LinkCheck> {
  const match = /^([0-9a-f]{32})\.(\d{1,9})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, hex, version, expiry, signature] = match as unknown as [string, string, string, string, string];
  const expected = crypto.sign(`${hex}.${version}.${expiry}`);
  if (!timingSafeEqualString(expected, signature)) return { ok: false, reason: "invalid" };
  const referral_id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const claims = { referral_id, version: Number(version), expires_at: new Date(parseInt(expiry, 36) * 1000) };
  const state = await current(claims.referral_id);
  if (!state || !state.by_link) return { ok: false, reason: "invalid" };
  if (state.version !== claims.version) return { ok: false, reason: "replaced" };
  if (claims.expires_at.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

function timingSafeEqualString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The moves whoever holds a valid link may make: the receiving side's. */
export function linkTransitions(status: ReferralStatus): ReferralStatus[] {
  return movesFrom(status, "receiver");
}
