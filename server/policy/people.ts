// Who may do what with a person's file, and why. This table is the spec; the gate (gate.ts) applies
// it to every person-scoped route, and nothing outside server/policy decides or logs access.
//
//   relation (reason in the access log)      what it gives
//   ─────────────────────────────────────────────────────────────────────────────────────────────────
//   team member (`team`): a seat in the       read, update (diagnostic, contract, action plan), write notes,
//     person's team held through an active    read the access log; the référent also manages the team and
//     membership whose role accompanies       requests réorientations
//     people (professional, coordinator)
//   coordinator of the person's territory     read; manages the team (approves join requests, changes
//     (`coordinator`)                         référent); decides orientations and réorientations; writes
//                                             notes; the only one who changes the person's territory;
//                                             merges two files (`merge`) when they coordinate the
//                                             territories of both (mergePair)
//   team member, when the territory lets      decides the orientation of people their own structure will
//     structures decide (territory settings)  accompany (organisme référent = their structure)
//   any accompanying professional             asks to join the team (`requester`), knowing the file's id
//     (professional, coordinator)             from a duplicate check; sees nothing of the file by it
//   receiving structure of a referral         (`referral`) the referral's content only — what was sent
//     (an active membership of the referral's   (the referral's own fields, the person's name and the contact
//     receiving structure: professional,        elements the person consented to share), never the file;
//     structure admin, coordinator)             answers it (policy/referrals.ts: the moves of each side).
//                                               The team sends (`refer` = update) and reads its people's
//                                               referrals; the coordinator reads them.
//   committee member who signed the charter   (`committee`) what was submitted to the committee, decided
//     (and the territory's coordinators)      in policy/committees.ts: the fiche de saisine only, nothing
//                                             else of the file (every permission below is false)
//   the person themself                       (reserved: `self`)
//   structure admin, steering                 no access to files (aggregates only, elsewhere: the queue
//                                             counts of policy/territories.ts)
//   lists: "my people" = peopleInTeamOf; a territory's queues and search = peopleOfTerritoriesCoordinatedBy
//   platform admin                            never, whatever memberships the account holds
//   anyone else                               nothing — and the file's existence is not revealed (404)
//   a merged file (tombstone, merged_into)    nothing by itself: whoever may read the kept file is
//                                             told its id (problem `merged`, 410: mergedInto); the
//                                             others 404. Never listed, searched nor a duplicate
//
// A seat counts only while its membership is active and its role accompanies people: a membership
// whose role changes is ended and a new one starts (policy/roles), so seats held through the old
// role end with it.
//
// Contracts: the team (update) writes, corrects, signs, amends, ends and renews them, as far as the
// contract's state allows (common/domain/contracts.ts contractAllows); the coordinator reads them.
//
// Notes: "team" notes are read by the accompaniment team, "author" notes by their author only,
// "person" notes by everyone who may read the file (and the person). An author always reads their own.
// Everything derived from a note follows its visibility: an author-only note is no contact date for
// the others (deadlines, last contact) and its timeline event is shown to its author only.
// A note is corrected or deleted by its author only (still allowed to write notes on the file),
// within 24 hours of writing it (NOTE_EDIT_WINDOW_MS); its previous bodies are kept.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { DomainError } from "../http/errors.ts";
import { territory_settings } from "../features/orientation/orientation.tables.ts";
import { people, team_members } from "../features/people/people.tables.ts";
import { memberships } from "../features/structures/structures.tables.ts";
import { arrayLiteral } from "../db/sql.ts";
import { CONTRACT_TRANSITIONS, contractAllows, type ContractStatus, type ContractTransition } from "../../common/domain/contracts.ts";
import type { Actor, ActorMembership } from "./actor.ts";
import { actingMemberships, coordinatorTerritories } from "./roles.ts";

export { coordinatorTerritories };

export type AccessReason = "team" | "coordinator" | "requester" | "referral" | "committee" | "self";

declare const decided: unique symbol;

/**
 * The gate's decision on one person for one caller: the proof that services and loaders require.
 * Only this module creates one (the brand cannot be forged without a cast).
 */
export interface PersonAccess {
  readonly [decided]: true;
  person_id: string;
  /** The membership through which access is granted (written to the access log). */
  membership_id: string;
  reason: AccessReason;
  is_referent: boolean;
  /** The actor's coordinator membership in the person's territory, if any (orientation decisions). */
  coordinator_membership_id: string | null;
  permissions: {
    read: boolean;
    update: boolean;
    manage_team: boolean;
    read_access_log: boolean;
    write_notes: boolean;
    decide_orientation: boolean;
    request_reorientation: boolean;
    change_territory: boolean;
    request_join: boolean;
    /** Merge another file into this one (coordinators of the territory; both files: mergePair). */
    merge: boolean;
    /** Send a referral to a service for the person (the team). */
    refer: boolean;
    /** Read a referral of the person (the team, the coordinator; the receiving structure's members). */
    read_referral: boolean;
    /** Answer a referral as the receiving structure (its members only). */
    answer_referral: boolean;
  };
}

/** Nothing of the file: the base of the relations that see only one part of it (requester, referral, committee). */
const NO_PERMISSIONS: PersonAccess["permissions"] = {
  read: false,
  update: false,
  manage_team: false,
  read_access_log: false,
  write_notes: false,
  decide_orientation: false,
  request_reorientation: false,
  change_territory: false,
  request_join: false,
  merge: false,
  refer: false,
  read_referral: false,
  answer_referral: false,
};

export type PersonPermission = keyof PersonAccess["permissions"];

/** Memberships through which the actor may sit in teams: none for a platform admin (roles.ts). */
export const accompanyingMemberships = actingMemberships;

/** The membership on whose behalf the actor creates a file or asks to join a team. */
export function actingMembership(actor: Actor, membershipId: string | undefined): ActorMembership {
  const candidates = accompanyingMemberships(actor);
  if (membershipId) {
    const chosen = candidates.find((m) => m.id === membershipId);
    if (!chosen) {
      throw new DomainError("validation_failed", "Cette appartenance ne vous permet pas d'accompagner des personnes.", {
        errors: [{ field: "membership_id", code: "invalid", message: "Choisissez une de vos structures où vous accompagnez des personnes" }],
      });
    }
    return chosen;
  }
  const first = candidates[0];
  if (!first) throw new DomainError("forbidden", "Votre compte n'a pas de rôle d'accompagnement (professionnel ou coordinateur) dans une structure.");
  return first;
}

/** "My people" as SQL, in two equivalent forms (peopleInTeamOf). */
export interface TeamScope {
  /** Condition on the `people` table: the people in whose team the actor sits. */
  people: SQL;
  /**
   * Condition on `team_members` aliased `tm`: the actor's active seats, one per person (with
   * several memberships on one team, the seat of the smallest membership id). Counting them, or
   * paging them in name order, gives the same people as `people` does: a merged file has no seat
   * (the merge moves every team row to the kept file), so no tombstone is counted.
   */
  seats: SQL;
}

/**
 * "My people": the people in whose team the actor sits through an active accompanying membership.
 * The same rule as peopleAccess, for lists: as a condition on `people` (pages) and on the actor's
 * seats (the capped counts of large lists walk the seats in one index range).
 */
export function peopleInTeamOf(actor: Actor): TeamScope {
  const ids = accompanyingMemberships(actor).map((m) => m.id);
  if (ids.length === 0) return { people: sql`false`, seats: sql`false` };
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const seat = (alias: string) => sql`${sql.raw(alias)}.left_at is null and ${sql.raw(alias)}.membership_id in (${list})`;
  return {
    people: sql`"people"."merged_into" is null and exists (select 1 from ${team_members} tm where tm.person_id = "people"."id" and ${seat("tm")})`,
    seats:
      ids.length === 1
        ? seat("tm")
        : sql`${seat("tm")} and not exists (select 1 from ${team_members} first_seat where first_seat.person_id = tm.person_id and ${seat("first_seat")} and first_seat.membership_id < tm.membership_id)`,
  };
}

/**
 * SQL condition on the `people` table: the people of the territories the actor coordinates (the
 * coordinator relation of peopleAccess, for the territory's queues, search and deadline filters).
 * None for a platform admin (coordinatorTerritories is empty for them). Served by
 * people_territory_*_idx with the stored due dates.
 */
export function peopleOfTerritoriesCoordinatedBy(actor: Actor): SQL {
  const ids = [...coordinatorTerritories(actor).keys()];
  if (ids.length === 0) return sql`false`;
  return sql`"people"."merged_into" is null and "people"."territory_id" in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/** Computes the actor's access to one person, or null when they have none. */
export async function personAccess(db: Db, actor: Actor, personId: string): Promise<PersonAccess | null> {
  return (await peopleAccess(db, actor, [personId])).get(personId) ?? null;
}

/** The actor's access to each of several people, in one query (lists, batches). */
export async function peopleAccess(db: Db, actor: Actor, personIds: string[]): Promise<Map<string, PersonAccess>> {
  const result = new Map<string, PersonAccess>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0 || actor.is_admin) return result;
  const own = accompanyingMemberships(actor).map((m) => m.id);
  // Each person's territory, the caller's best seat in the team (référent first) through an active
  // A merged file (tombstone) gives no relation: see mergedInto.
  // accompanying membership, and whether the territory lets structures decide orientations.
  const found = (await db.execute(sql`
    select p.id, p.territory_id, s.membership_id, coalesce(s.is_referent, false) as is_referent,
      coalesce(ts.settings -> 'structures_may_decide_orientation' = 'true'::jsonb, false) as structures_decide
    from ${people} p
    left join lateral (
      select tm.membership_id, tm.is_referent from ${team_members} tm join ${memberships} m on m.id = tm.membership_id
      where tm.person_id = p.id and tm.user_id = ${actor.user_id}::uuid and tm.left_at is null and m.ended_at is null
        and tm.membership_id = any(${arrayLiteral(own)}::uuid[])
      order by tm.is_referent desc limit 1) s on true
    left join ${territory_settings} ts on ts.territory_id = p.territory_id
    where p.id = any(${arrayLiteral(ids)}::uuid[]) and p.merged_into is null`)) as unknown as {
    rows: { id: string; territory_id: string | null; membership_id: string | null; is_referent: boolean; structures_decide: boolean }[];
  };
  const coordinated = coordinatorTerritories(actor);
  for (const person of found.rows) {
    const seat = person.membership_id ? { membership_id: person.membership_id, is_referent: Boolean(person.is_referent) } : undefined;
    const coordinator = person.territory_id ? coordinated.get(person.territory_id) : undefined;
    if (seat) {
      result.set(person.id, {
        person_id: person.id,
        membership_id: seat.membership_id,
        reason: "team",
        is_referent: seat.is_referent,
        coordinator_membership_id: coordinator?.id ?? null,
        permissions: {
          read: true,
          update: true,
          manage_team: seat.is_referent || Boolean(coordinator),
          read_access_log: true,
          write_notes: true,
          decide_orientation: Boolean(coordinator) || (person.territory_id !== null && Boolean(person.structures_decide)),
          request_reorientation: seat.is_referent,
          change_territory: Boolean(coordinator),
          request_join: false,
          merge: Boolean(coordinator),
          refer: true,
          read_referral: true,
          answer_referral: false,
        },
      } as PersonAccess);
    } else if (coordinator) {
      result.set(person.id, {
        person_id: person.id,
        membership_id: coordinator.id,
        reason: "coordinator",
        is_referent: false,
        coordinator_membership_id: coordinator.id,
        permissions: {
          read: true,
          update: false,
          manage_team: true,
          read_access_log: false,
          write_notes: true,
          decide_orientation: true,
          request_reorientation: false,
          change_territory: true,
          request_join: false,
          merge: true,
          refer: false,
          read_referral: true,
          answer_referral: false,
        },
      } as PersonAccess);
    } else {
      const acting = accompanyingMemberships(actor)[0];
      if (acting) result.set(person.id, requesterAccess(person.id, acting.id));
    }
  }
  return result;
}

/**
 * The committee relation: what was submitted to a committee, shown to its members who signed the
 * charter (policy/committees.ts decides who; this gives nothing else of the file).
 */
export function committeeAccess(personId: string, membershipId: string | null): PersonAccess {
  return {
    person_id: personId,
    membership_id: membershipId ?? "",
    reason: "committee",
    is_referent: false,
    coordinator_membership_id: null,
    permissions: NO_PERMISSIONS,
  } as PersonAccess;
}

/** An accompanying professional outside the team: may ask to join, sees nothing. */
function requesterAccess(personId: string, membershipId: string): PersonAccess {
  return {
    person_id: personId,
    membership_id: membershipId,
    reason: "requester",
    is_referent: false,
    coordinator_membership_id: null,
    permissions: { ...NO_PERMISSIONS, request_join: true },
  } as PersonAccess;
}

/** Roles whose active membership of a receiving structure sees and answers its referrals. */
const RECEIVING_ROLES = ["professional", "structure_admin", "coordinator"] as const;

/** The actor's memberships through which they receive referrals (none for a platform admin). */
export function receivingMemberships(actor: Actor): ActorMembership[] {
  if (actor.is_admin) return [];
  return actor.memberships.filter((m) => (RECEIVING_ROLES as readonly string[]).includes(m.role));
}

/**
 * The actor's access to one referral of a person: their relation to the file (team, coordinator)
 * and, when one of their memberships is in the receiving structure, the `referral` relation (what
 * was sent, answer it). Null when they have neither: the referral is not found for them.
 */
export async function referralAccess(db: Db, actor: Actor, referral: { person_id: string; receiving_structure_id: string }): Promise<PersonAccess | null> {
  const file = await personAccess(db, actor, referral.person_id);
  const receiving = receivingMemberships(actor).find((m) => m.structure_id === referral.receiving_structure_id);
  if (file?.permissions.read_referral) return receiving ? ({ ...file, permissions: { ...file.permissions, answer_referral: true } } as PersonAccess) : file;
  if (!receiving) return file;
  return {
    person_id: referral.person_id,
    membership_id: receiving.id,
    reason: "referral",
    is_referent: false,
    coordinator_membership_id: null,
    permissions: { ...NO_PERMISSIONS, read_referral: true, answer_referral: true },
  } as PersonAccess;
}

/**
 * Whether the actor may decide an orientation with this organisme référent: coordinators of the
 * territory choose any structure; a team member allowed by the territory only their own structure.
 */
export function mayDecideOrientationFor(actor: Actor, access: PersonAccess, structureId: string): boolean {
  if (!access.permissions.decide_orientation) return false;
  if (access.coordinator_membership_id) return true;
  return actor.memberships.some((m) => m.id === access.membership_id && m.structure_id === structureId);
}

/** The membership an orientation decision is made through (the coordinator's when there is one). */
export function decidingMembershipId(access: PersonAccess): string {
  return access.coordinator_membership_id ?? access.membership_id;
}

/** Whether the reader may read a note (or a timeline event carrying a note's visibility). */
export function canReadNote(access: PersonAccess, readerUserId: string, note: { visibility: string; author_user_id: string | null }): boolean {
  if (note.author_user_id === readerUserId) return true;
  if (note.visibility === "author") return false;
  if (note.visibility === "team") return access.reason === "team";
  return access.permissions.read;
}

/** Timeline events: those of a note follow the note's visibility; the others follow the file. */
export function canSeeEvent(access: PersonAccess, readerUserId: string, event: { data: Record<string, unknown> }): boolean {
  const visibility = event.data.visibility;
  if (typeof visibility !== "string") return true;
  return canReadNote(access, readerUserId, { visibility, author_user_id: typeof event.data.author_user_id === "string" ? event.data.author_user_id : null });
}

/**
 * Which fields of the file a caller may change: the territory only through `change_territory`
 * (coordinators), everything else through `update` (the team).
 */
export function assertMayUpdateFields(access: PersonAccess, fields: string[]): void {
  const territory = fields.includes("territory_id");
  const others = fields.some((f) => f !== "territory_id");
  if (territory && !access.permissions.change_territory) {
    throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire change le territoire d'une personne.", {
      errors: [{ field: "territory_id", code: "forbidden", message: "Seule l'équipe de coordination du territoire peut changer ce champ" }],
    });
  }
  if (others && !access.permissions.update) throw new DomainError("forbidden", "Votre rôle ne permet pas de modifier ce dossier.");
}

export function canCreatePerson(actor: Actor): boolean {
  return accompanyingMemberships(actor).length > 0;
}

/** What the caller may do with a contract now: the file's `update` permission and the contract's state. */
export function contractPermissions(access: PersonAccess, contract: { status: ContractStatus; renewed: boolean }): Record<ContractTransition, boolean> {
  return Object.fromEntries(CONTRACT_TRANSITIONS.map((t) => [t, access.permissions.update && contractAllows(contract, t)])) as Record<ContractTransition, boolean>;
}

/** How long after writing it the author may still correct or delete a note. */
export const NOTE_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

export type NoteEditDecision = { ok: true } | { ok: false; code: "not_found" | "forbidden" | "conflict"; message: string };

/**
 * Whether the caller may correct or delete this note now: a note they cannot read is not found; only
 * its author, still writing notes on the file, within 24 hours of writing it.
 */
export function mayEditNote(access: PersonAccess, userId: string, note: { visibility: string; author_user_id: string; created_at: Date; deleted_at: Date | null }, now: Date): NoteEditDecision {
  if (note.deleted_at || !canReadNote(access, userId, note)) return { ok: false, code: "not_found", message: "Note introuvable." };
  if (note.author_user_id !== userId || !access.permissions.write_notes) return { ok: false, code: "forbidden", message: "Seul·e l'auteur·rice d'une note peut la corriger ou la supprimer." };
  if (now.getTime() - note.created_at.getTime() > NOTE_EDIT_WINDOW_MS) {
    return { ok: false, code: "conflict", message: "Une note ne peut être corrigée ou supprimée que dans les 24 heures qui suivent son écriture. Ajoutez une nouvelle note pour la compléter." };
  }
  return { ok: true };
}

/**
 * Where a merged file's content went, for a caller who may read the kept file (following merges of
 * merges); null when the file is not merged or the caller may not know the kept file.
 */
export async function mergedInto(db: Db, actor: Actor, personId: string): Promise<string | null> {
  let id = personId;
  for (let hops = 0; hops < 10; hops++) {
    const [row] = await db.select({ merged_into: people.merged_into }).from(people).where(eq(people.id, id));
    if (!row?.merged_into) break;
    id = row.merged_into;
  }
  if (id === personId) return null;
  return (await personAccess(db, actor, id))?.permissions.read ? id : null;
}

/**
 * Whether the caller may merge `mergedId` into the file of `kept` (the gate's decision on the kept
 * file, `merge` permission): they must coordinate the territory of the merged file too. A file they
 * may not know is not found; one they may read but not merge is forbidden; a file with itself, or an
 * already merged file, is a conflict. Answers the decision on the merged file.
 */
export async function mergePair(db: Db, actor: Actor, kept: PersonAccess, mergedId: string): Promise<PersonAccess> {
  if (!kept.permissions.merge) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire fusionne des dossiers.");
  if (mergedId === kept.person_id) {
    throw new DomainError("validation_failed", "Un dossier ne peut pas être fusionné avec lui-même.", { errors: [{ field: "merged_id", code: "same_file", message: "Choisissez un autre dossier que celui-ci" }] });
  }
  const merged = await personAccess(db, actor, mergedId);
  if (!merged || !merged.permissions.read) {
    const [row] = await db.select({ merged_into: people.merged_into }).from(people).where(eq(people.id, mergedId));
    if (row?.merged_into && (await mergedInto(db, actor, mergedId))) throw new DomainError("conflict", "Ce dossier a déjà été fusionné dans un autre.");
    throw new DomainError("not_found", "Dossier à fusionner introuvable.", { errors: [{ field: "merged_id", code: "not_found", message: "Aucun dossier que vous pouvez consulter n'a cet identifiant" }] });
  }
  if (!merged.permissions.merge) throw new DomainError("forbidden", "Vous ne coordonnez pas le territoire du dossier à fusionner.");
  return merged;
}
