// Structures (organisations) and their members. Every decision is the policy's (policy/structures.ts,
// policy/roles.ts); a refusal leaves as 403 with the policy's reason, or 404 when the caller may not
// even see the structure.
import type { StructureCreateBody, StructureUpdateBody } from "../../../common/schemas/structures.ts";
import type { MembershipRole } from "../../../common/domain/roles.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { mayChangeRole, mayEndMembership, memberPermissions, type Decision } from "../../policy/roles.ts";
import { canCreateStructure, structurePermissions, visibleStructuresSql } from "../../policy/structures.ts";
import { getCommune } from "../territories/geography.ts";
import { findTerritory, territoryForCommune } from "../territories/territories.repository.ts";
import { closestStructureType, isStructureType, structureTypeLabel } from "./structure-types.ts";
import * as repo from "./structures.repository.ts";
import { membershipsChanged } from "../../policy/actor.ts";

type Row = NonNullable<Awaited<ReturnType<typeof repo.findStructure>>>;

export function structureView(actor: Actor, row: Row) {
  const s = row.structure;
  const permissions = structurePermissions(actor, s);
  return {
    id: s.id,
    name: s.name,
    siret: s.siret,
    type: s.type,
    type_label: s.type ? (structureTypeLabel(s.type) ?? null) : null,
    address: {
      street: s.street,
      complement: s.complement,
      postal_code: s.postal_code,
      commune_code: s.commune_code,
      commune_name: s.commune_code ? (getCommune(s.commune_code)?.name ?? null) : null,
    },
    email: s.email,
    phone: s.phone,
    website: s.website,
    territory: s.territory_id ? { id: s.territory_id, name: row.territory_name ?? "" } : null,
    sensitive: s.sensitive,
    deactivated_at: s.deactivated_at?.toISOString() ?? null,
    source: s.source,
    permissions: { update: permissions.update, deactivate: permissions.deactivate, claim: permissions.claim && s.source === "spie", change_territory: permissions.change_territory, manage_members: permissions.manage_members, grantable_roles: permissions.grantable_roles },
  };
}

async function checkFields(ctx: Ctx, body: StructureUpdateBody, selfId?: string): Promise<void> {
  const errors = [];
  if (body.type && !isStructureType(body.type)) {
    const guess = closestStructureType(body.type);
    errors.push({ field: "type", code: "unknown_value", message: `Type de structure inconnu « ${body.type} ».${guess ? ` Vouliez-vous dire « ${guess} » ?` : ""}` });
  }
  const code = body.address?.commune_code;
  if (code && !getCommune(code)) errors.push({ field: "address.commune_code", code: "unknown_commune", message: `Aucune commune n'a le code INSEE « ${code} »` });
  if (body.territory_id && !(await findTerritory(ctx.db, body.territory_id))) errors.push({ field: "territory_id", code: "unknown_territory", message: "Territoire inconnu" });
  if (body.siret) {
    const other = await repo.findStructureBySiret(ctx.db, body.siret);
    if (other && other.id !== selfId) errors.push({ field: "siret", code: "taken", message: "Une structure avec ce SIRET existe déjà" });
  }
  if (errors.length) throw fieldErrors(errors);
}

function columns(body: StructureUpdateBody): Partial<repo.StructureInsert> {
  const out: Partial<repo.StructureInsert> = {};
  for (const key of ["name", "siret", "type", "email", "phone", "website", "territory_id", "sensitive"] as const) {
    if (body[key] !== undefined) (out as Record<string, unknown>)[key] = body[key];
  }
  if (body.address !== undefined) {
    Object.assign(out, {
      street: body.address?.street ?? null,
      complement: body.address?.complement ?? null,
      postal_code: body.address?.postal_code ?? null,
      commune_code: body.address?.commune_code ?? null,
    });
  }
  return out;
}

async function readable(ctx: Ctx, id: string): Promise<Row> {
  const row = await repo.findStructure(ctx.db, id);
  if (!row || !structurePermissions(ctx.actor, row.structure).read) throw new DomainError("not_found", "Structure introuvable.");
  return row;
}

export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new DomainError("forbidden", decision.reason);
}

export async function listStructures(ctx: Ctx, query: { q?: string | undefined; origin?: "platform" | "directory" | undefined; page: number; page_size: number }) {
  const { rows, total } = await repo.listStructures(ctx.db, { q: query.q, origin: query.origin, page: query.page, pageSize: query.page_size, visible: visibleStructuresSql(ctx.actor) });
  return { items: rows.map((r) => structureView(ctx.actor, r)), total };
}

export async function getStructure(ctx: Ctx, id: string) {
  return structureView(ctx.actor, await readable(ctx, id));
}

export async function createStructure(ctx: Ctx, body: StructureCreateBody) {
  let territoryId = body.territory_id ?? null;
  if (!territoryId && body.address?.commune_code) territoryId = (await territoryForCommune(ctx.db, body.address.commune_code))?.id ?? null;
  if (!canCreateStructure(ctx.actor, territoryId)) {
    throw new DomainError("forbidden", "Seuls les administrateurs de la plateforme et les coordinateurs du territoire créent des structures.");
  }
  await checkFields(ctx, body);
  const row = await repo.insertStructure(ctx.db, { ...(columns(body) as repo.StructureInsert), territory_id: territoryId });
  return getStructure(ctx, row.id);
}

export async function updateStructure(ctx: Ctx, id: string, body: StructureUpdateBody) {
  const row = await readable(ctx, id);
  const permissions = structurePermissions(ctx.actor, row.structure);
  if (!permissions.update) throw new DomainError("forbidden", "Vous ne pouvez pas modifier cette structure.");
  const movesTerritory = body.territory_id !== undefined && (body.territory_id ?? null) !== row.structure.territory_id;
  if (movesTerritory && !permissions.change_territory) {
    throw new DomainError("forbidden", "Seuls les administrateurs de la plateforme changent le territoire d'une structure.", {
      errors: [{ field: "territory_id", code: "forbidden", message: "Seuls les administrateurs de la plateforme changent le territoire d'une structure" }],
    });
  }
  await checkFields(ctx, body, id);
  await repo.updateStructure(ctx.db, id, columns(body));
  // Memberships carry the structure's name and territory (coordinators' rights follow the territory).
  membershipsChanged(null);
  return getStructure(ctx, id);
}

/** The structure, when the caller may manage its members (and invitations); 404/403 otherwise. */
export async function manageable(ctx: Ctx, id: string): Promise<Row> {
  const row = await readable(ctx, id);
  if (!structurePermissions(ctx.actor, row.structure).manage_members) throw new DomainError("forbidden", "Seuls les administrateurs de la structure gèrent ses membres.");
  return row;
}

type MemberRow = Awaited<ReturnType<typeof repo.activeMembers>>[number];

function memberView(ctx: Ctx, structureId: string, m: MemberRow) {
  const role = m.role as MembershipRole;
  return {
    membership_id: m.membership_id,
    user: { id: m.user_id, name: m.name, email: m.email, last_login_at: m.last_login_at?.toISOString() ?? null, deactivated: m.disabled_at !== null },
    role,
    created_at: m.created_at.toISOString(),
    permissions: memberPermissions(ctx.actor, structureId, { user_id: m.user_id, role }),
  };
}

export async function listMembers(ctx: Ctx, structureId: string) {
  await manageable(ctx, structureId);
  return { items: (await repo.activeMembers(ctx.db, structureId)).map((m) => memberView(ctx, structureId, m)) };
}

async function lastAdminGuard(ctx: Ctx, db: Ctx["db"], structureId: string, membership: { role: string }): Promise<void> {
  if (membership.role === "structure_admin" && !ctx.actor.is_admin && (await repo.countAdmins(db, structureId)) <= 1) {
    throw new DomainError("conflict", "La structure doit garder au moins un administrateur.");
  }
}

/**
 * A role change ends the membership and starts a new one with the new role: what was held through the
 * old role (team seats: team_members.membership_id) ends with it. Answers the new membership.
 */
export async function updateMember(ctx: Ctx, structureId: string, membershipId: string, role: MembershipRole) {
  await manageable(ctx, structureId);
  const current = await repo.findActiveMember(ctx.db, structureId, membershipId);
  if (!current) throw new DomainError("not_found", "Membre introuvable.");
  if (current.role === role) return memberView(ctx, structureId, current);
  enforce(mayChangeRole(ctx.actor, structureId, { user_id: current.user_id, role: current.role as MembershipRole }, role, { user_id: current.user_id, is_admin: current.is_admin }));
  const newId = await ctx.db.transaction(async (tx) => {
    await lastAdminGuard(ctx, tx, structureId, current);
    if (await repo.findActiveMembershipOf(tx, structureId, current.user_id, role)) throw new DomainError("conflict", "Cette personne a déjà ce rôle dans la structure.");
    await repo.endMembership(tx, membershipId);
    return (await repo.insertMembership(tx, { user_id: current.user_id, structure_id: structureId, role })).id;
  });
  membershipsChanged(current.user_id);
  const member = await repo.findActiveMember(ctx.db, structureId, newId);
  return memberView(ctx, structureId, member!);
}

export async function removeMember(ctx: Ctx, structureId: string, membershipId: string): Promise<void> {
  await manageable(ctx, structureId);
  const current = await repo.findActiveMember(ctx.db, structureId, membershipId);
  if (!current) throw new DomainError("not_found", "Membre introuvable.");
  enforce(mayEndMembership(ctx.actor, structureId, { user_id: current.user_id, role: current.role as MembershipRole }));
  await lastAdminGuard(ctx, ctx.db, structureId, current);
  await repo.endMembership(ctx.db, membershipId);
  membershipsChanged(current.user_id);
}

/** Deactivates (or reactivates) a structure: its members lose (or get back) what their memberships give. */
export async function setStructureActive(ctx: Ctx, id: string, active: boolean) {
  const row = await readable(ctx, id);
  if (!structurePermissions(ctx.actor, row.structure).deactivate) {
    throw new DomainError("forbidden", "Seuls les administrateurs de la plateforme et les coordinateurs du territoire désactivent une structure.");
  }
  if (row.structure.source !== "spie") throw new DomainError("conflict", "Une structure de l'annuaire importée ne se désactive pas ici : elle suit son producteur.");
  await repo.updateStructure(ctx.db, id, { deactivated_at: active ? null : (row.structure.deactivated_at ?? new Date()) });
  membershipsChanged(null);
  return getStructure(ctx, id);
}

/** The platform structure and a directory record become one (see repo.claimDirectoryStructure). */
export async function claimDirectoryStructure(ctx: Ctx, id: string, directoryId: string) {
  const platform = await readable(ctx, id);
  if (platform.structure.source !== "spie") throw new DomainError("conflict", "Seule une structure de la plateforme peut rattacher une fiche de l'annuaire.");
  if (!structurePermissions(ctx.actor, platform.structure).claim) {
    throw new DomainError("forbidden", "Seuls les administrateurs de la plateforme et les coordinateurs du territoire rattachent une fiche de l'annuaire.");
  }
  const record = await repo.findStructure(ctx.db, directoryId);
  if (!record || !structurePermissions(ctx.actor, record.structure).read) {
    throw fieldErrors([{ field: "directory_structure_id", code: "not_found", message: "Fiche de l'annuaire introuvable" }]);
  }
  if (record.structure.source === "spie") throw fieldErrors([{ field: "directory_structure_id", code: "not_directory", message: "Cette structure n'est pas une fiche importée dans l'annuaire" }]);
  if (record.structure.claimed_by_id) throw new DomainError("conflict", "Cette fiche de l'annuaire est déjà rattachée à une structure de la plateforme.");
  await repo.claimDirectoryStructure(ctx.db, id, directoryId);
  return getStructure(ctx, id);
}
