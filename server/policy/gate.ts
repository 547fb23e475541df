// The access gate. Every route under /api/v1 declares what it needs in its `config.access`; routes on
// a person's file (or on a part of it: a contract, a note, an objective, an action, a réorientation request,
// a join request) declare the permission, and the gate — before the handler runs — finds the person,
// asks policy/people.ts, answers 404/403 itself, writes the one access-log row of the request with
// its reason once the handler has answered, and hands the handler the decision (`PersonAccess`), which services and loaders require.
//
//   declaration                         who passes
//   ──────────────────────────────────────────────────────────────────────────────────────────────
//   "public"                            anyone, signed in or not
//   "signed_in"                         any signed-in caller; the service asks the policy about the
//                                       object (structures, directory, territories, cohorts, own notifications)
//   "people_list"                       any signed-in caller; the list is filtered by the policy's SQL
//                                       (peopleInTeamOf) and each listed person logged (recordListed)
//   { capability }                      a signed-in caller the policy grants this capability
//                                       (e.g. importing into the directory: policy/directory.ts)
//   { person, via?, resource, action }  the policy's decision on the person (see people.ts); `via`
//                                       names where the person is found: a part of the file reached by
//                                       the path's :id, a referral (whose receiving structure's members
//                                       get the `referral` relation: what was sent, never the file)
//   signed link (referral-links/:token)  declared "public": the HMAC-signed, expiring token in the path
//                                       is the capability, checked by policy/referrals.ts
//                                       (verifyReferralLink) before anything is shown; it opens one
//                                       referral's sent content and its receiving-side moves, nothing else
//   private URL (committee-calendars/    declared "public": the random secret in the path (stored as its
//     :token.ics)                       SHA-256) names one user's subscription to one committee's calendar;
//                                       the feed answers only while that user still reads the committee
//                                       (policy/committees.ts, asked at each fetch); it holds no person
//   { person, body: "person_id", … }    the person named by a field of the validated body (creations
//                                       without :id: POST /referrals, POST /unmet-needs); when the schema
//                                       makes it optional and it is absent, no person and no decision
//
// A route without a declaration makes the app fail to start (see installAccessGate).
import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import { ctx, type Ctx } from "../http/context.ts";
import { DomainError } from "../http/errors.ts";
import { recordAccess, type AccessAction } from "../features/access-log/access-log.ts";
import { actions, objectives } from "../features/action-plan/action-plan.tables.ts";
import { contracts } from "../features/contracts/contracts.tables.ts";
import { notes } from "../features/notes/notes.tables.ts";
import { reorientation_requests } from "../features/orientation/orientation.tables.ts";
import { join_requests } from "../features/people/people.tables.ts";
import { referrals } from "../features/referrals/referrals.tables.ts";
import type { Actor } from "./actor.ts";
import { mayManageAccounts, mayReadOutbox } from "./accounts.ts";
import { canImportDirectory } from "./directory.ts";
import { mergedInto, personAccess, referralAccess, type PersonAccess, type PersonPermission } from "./people.ts";

/** Parts of a file reached by their own id; the gate finds their person. */
export type SubResource = "contract" | "note" | "objective" | "action" | "reorientation_request" | "join_request" | "referral";

export interface PersonRule {
  /** The permission needed (policy/people.ts). */
  person: PersonPermission;
  /** Where the person comes from: the path's `:id` is the person (default) or the id of a part of a file. */
  via?: SubResource;
  /**
   * The person is named by this field of the validated body instead of the path (creations without
   * :id: POST /referrals, POST /unmet-needs). When the schema lets the body leave it out, nothing is
   * decided nor logged and the service acts without a person (an unmet need about no one).
   */
  body?: string;
  /** What the access log records. */
  resource: string;
  action: AccessAction;
}

/** Capabilities a route may require of the caller, each decided by a policy function. */
const CAPABILITIES = {
  import_directory: { allows: canImportDirectory, refusal: "Seuls les administrateurs de la plateforme et les coordinateurs importent des données dans l'annuaire." },
  read_outbox: { allows: mayReadOutbox, refusal: "Seuls les administrateurs de la plateforme consultent les messages envoyés." },
  manage_accounts: { allows: mayManageAccounts, refusal: "Seuls les administrateurs de la plateforme gèrent les comptes." },
} satisfies Record<string, { allows: (actor: Actor) => boolean; refusal: string }>;
export type Capability = keyof typeof CAPABILITIES;

export type RouteAccess = "public" | "signed_in" | "people_list" | { capability: Capability } | PersonRule;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    personAccess: PersonAccess | null;
  }
}

interface Resolved {
  person_id: string;
  /** The user who made the join request (they get 403, not 404, on its decision). */
  requester_user_id?: string;
  /** A referral's receiving structure: its members get the `referral` relation. */
  receiving_structure_id?: string;
}

const SUB_RESOURCES: Record<SubResource, { notFound: string; find: (db: Db, id: string) => Promise<Resolved | undefined> }> = {
  contract: {
    notFound: "Contrat introuvable.",
    find: async (db, id) => (await db.select({ person_id: contracts.person_id }).from(contracts).where(eq(contracts.id, id)))[0],
  },
  note: {
    notFound: "Note introuvable.",
    find: async (db, id) => (await db.select({ person_id: notes.person_id }).from(notes).where(eq(notes.id, id)))[0],
  },
  objective: {
    notFound: "Objectif introuvable.",
    find: async (db, id) => (await db.select({ person_id: objectives.person_id }).from(objectives).where(eq(objectives.id, id)))[0],
  },
  action: {
    notFound: "Action introuvable.",
    find: async (db, id) => (await db.select({ person_id: actions.person_id }).from(actions).where(eq(actions.id, id)))[0],
  },
  reorientation_request: {
    notFound: "Demande introuvable.",
    find: async (db, id) => (await db.select({ person_id: reorientation_requests.person_id }).from(reorientation_requests).where(eq(reorientation_requests.id, id)))[0],
  },
  join_request: {
    notFound: "Demande introuvable.",
    find: async (db, id) =>
      (await db.select({ person_id: join_requests.person_id, requester_user_id: join_requests.requester_user_id }).from(join_requests).where(eq(join_requests.id, id)))[0],
  },
  referral: {
    notFound: "Orientation introuvable.",
    find: async (db, id) =>
      (await db.select({ person_id: referrals.person_id, receiving_structure_id: referrals.receiving_structure_id }).from(referrals).where(eq(referrals.id, id)))[0],
  },
};

const FORBIDDEN: Partial<Record<PersonPermission, string>> = {
  decide_orientation: "Seule l'équipe de coordination du territoire (ou votre structure, si le territoire le permet) décide des orientations.",
  manage_team: "Seul·e le ou la référent·e ou l'équipe de coordination du territoire gère l'équipe d'accompagnement.",
  request_reorientation: "Seul·e le ou la référent·e demande une réorientation.",
  read_access_log: "Seule l'équipe d'accompagnement consulte le journal des accès.",
  merge: "Seule l'équipe de coordination du territoire fusionne des dossiers.",
  refer: "Seule l'équipe d'accompagnement de la personne l'oriente vers un service.",
  answer_referral: "Seule la structure qui reçoit l'orientation y répond.",
};

function isPersonRule(access: RouteAccess | undefined): access is PersonRule {
  return typeof access === "object" && access !== null && "person" in access;
}

/** The gate's decision for one request on a person (also used by the tests and by batch services). */
export async function decide(db: Db, c: Pick<Ctx, "actor">, rule: PersonRule, pathId: string): Promise<PersonAccess> {
  const sub = rule.via ? SUB_RESOURCES[rule.via] : undefined;
  const notFound = sub?.notFound ?? "Dossier introuvable.";
  const resolved: Resolved | undefined = sub ? await sub.find(db, pathId) : { person_id: pathId };
  if (!resolved) throw new DomainError("not_found", notFound);
  const access = resolved.receiving_structure_id
    ? await referralAccess(db, c.actor, { person_id: resolved.person_id, receiving_structure_id: resolved.receiving_structure_id })
    : await personAccess(db, c.actor, resolved.person_id);
  const allowed = access?.permissions[rule.person] === true;
  if (!access && !sub) {
    // A merged file: those who may read the kept file are told where it went (the web follows it).
    const kept = await mergedInto(db, c.actor, resolved.person_id);
    if (kept) throw new DomainError("merged", "Ce dossier a été fusionné dans un autre dossier : ouvrez le dossier conservé.", { extensions: { merged_into: kept } });
  }
  const sees = access ? access.permissions.read || (resolved.receiving_structure_id !== undefined && access.permissions.read_referral) : false;
  if (!access || (!sees && !allowed)) {
    if (resolved.requester_user_id === c.actor.user_id) throw new DomainError("forbidden", "Votre demande doit être acceptée par le ou la référent·e ou un·e coordinateur·rice.");
    throw new DomainError("not_found", notFound);
  }
  if (!allowed) throw new DomainError("forbidden", FORBIDDEN[rule.person] ?? "Votre rôle ne permet pas cette action sur ce dossier.");
  return access;
}

/** Installs the gate: refuses to register an undeclared /api/v1 route; decides person routes. */
export function installAccessGate(app: FastifyInstance): void {
  app.decorateRequest("personAccess", null);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access): see server/policy/gate.ts`);
    if (isPersonRule(access) && !access.body && !route.url.includes(":id")) throw new Error(`Route ${route.url}: a person rule needs an :id in the path`);
  });
  app.addHook("preHandler", async (request) => {
    const rule = request.routeOptions.config.access;
    if (typeof rule === "object" && "capability" in rule) {
      const capability = CAPABILITIES[rule.capability];
      if (!request.actor || !capability.allows(request.actor)) throw new DomainError("forbidden", capability.refusal);
      return;
    }
    if (!isPersonRule(rule)) return;
    const c = ctx(request);
    if (rule.body) {
      const named = (request.body as Record<string, unknown> | undefined)?.[rule.body];
      if (named === undefined || named === null) return;
      request.personAccess = await decide(c.db, c, rule, String(named));
      return;
    }
    const id = (request.params as { id?: string }).id;
    if (!id) throw new DomainError("not_found", "Dossier introuvable.");
    request.personAccess = await decide(c.db, c, rule, id);
  });
  // The row is written once the handler has answered: an answer that shows or changes the file
  // (2xx/3xx, or a 409 carrying the latest version) is an access; a refused one (400, 403…) is not.
  app.addHook("onSend", async (request, reply, payload) => {
    const access = request.personAccess;
    const rule = request.routeOptions.config.access;
    if (!access || !isPersonRule(rule) || (reply.statusCode >= 400 && reply.statusCode !== 409)) return payload;
    await recordAccess(ctx(request), [{ person_id: access.person_id, membership_id: access.membership_id, reason: access.reason, action: rule.action, resource: rule.resource }]);
    return payload;
  });
}

/** The gate's decision for this request (the route must declare a person rule). */
export function granted(request: FastifyRequest): PersonAccess {
  if (!request.personAccess) throw new Error(`${request.routeOptions.url}: no access decision (declare a person rule in config.access)`);
  return request.personAccess;
}

/** Whether the route is reachable without signing in. */
export function isPublicRoute(request: FastifyRequest): boolean {
  return request.routeOptions.config.access === "public";
}

/** Logs each person of a list the caller was shown (one row per person), with the relation's reason. */
export async function recordListed(c: Ctx, accesses: PersonAccess[], resource: string): Promise<void> {
  await recordAccess(
    c,
    accesses.filter((a) => a.permissions.read).map((a) => ({ person_id: a.person_id, membership_id: a.membership_id, reason: a.reason, action: "list" as const, resource })),
  );
}

/** Logs each person of a referral list the caller was shown, with the relation (team, or referral for the receiving side). */
export async function recordReferralsListed(c: Ctx, rows: { person_id: string; membership_id: string; reason: "team" | "referral" }[]): Promise<void> {
  await recordAccess(
    c,
    rows.map((r) => ({ ...r, action: "list" as const, resource: "referral" })),
  );
}

/**
 * Logs what a duplicate check showed of the candidate files (which structures follow them) to a
 * professional who has no relation to them yet.
 */
export async function recordDuplicateCheck(c: Ctx, personIds: string[], membershipId: string): Promise<void> {
  await recordAccess(
    c,
    personIds.map((person_id) => ({ person_id, membership_id: membershipId, reason: "duplicate_check", action: "duplicate_check" as const, resource: "team" })),
  );
}

/**
 * Logs what a merge preview showed of the second file (the gate logs the kept file, the request's
 * `:id`): one read row with the coordinator's reason.
 */
export async function recordMergePreview(c: Ctx, merged: PersonAccess): Promise<void> {
  await recordAccess(c, [{ person_id: merged.person_id, membership_id: merged.membership_id, reason: merged.reason, action: "read", resource: "merge_preview" }]);
}

/** Logs the creation of a file by its first référent, in the creating transaction. */
export async function recordCreation(c: Ctx, db: Db, personId: string, membershipId: string): Promise<void> {
  await recordAccess(c, [{ person_id: personId, membership_id: membershipId, reason: "team", action: "create", resource: "person" }], db);
}

/**
 * Logs each person whose file a batch changed (one row per person, action "update"), with the
 * relation's reason: a coordinator adding people to a cohort or taking them out.
 */
export async function recordChanged(c: Ctx, accesses: PersonAccess[], resource: string): Promise<void> {
  await recordAccess(
    c,
    accesses.filter((a) => a.permissions.read).map((a) => ({ person_id: a.person_id, membership_id: a.membership_id, reason: a.reason, action: "update" as const, resource })),
  );
}

/** The gate's decision when the route's person is optional (a `body` person rule): null without a person. */
export function grantedIfNamed(request: FastifyRequest): PersonAccess | null {
  return request.personAccess;
}
