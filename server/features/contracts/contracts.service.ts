// Contracts: several per person over time, each versioned (every change keeps the whole previous
// state) and following its lifecycle (common/domain/contracts.ts): a draft is corrected, then
// signed; a signed contract is amended by avenants (a version with its reason) and ended (a date, a
// reason); a renewal writes the next contract as a draft from the last one. A transition the state
// does not allow is a conflict (409), and so is a stale base_version (with the latest contract).
import {
  CONTRACT_CONTENT_FIELDS,
  contractAllows,
  contractPeriod,
  contractRefusal,
  type ContractContentField,
  type ContractStatus,
  type ContractTransition,
  type ContractType,
  type ContractVersionKind,
  type SignatureMethod,
} from "../../../common/domain/contracts.ts";
import { addDays, daysBetween, formatDateFr, todayIso } from "../../../common/domain/dates.ts";
import {
  contractIssues,
  type Contract,
  type ContractAmendBody,
  type ContractCreateBody,
  type ContractEndBody,
  type ContractRenewBody,
  type ContractSignBody,
  type ContractUpdateBody,
} from "../../../common/schemas/contracts.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { contractPermissions, type PersonAccess } from "../../policy/people.ts";
import { currentOrientation } from "../orientation/orientation.repository.ts";
import { addEvent } from "../people/events.ts";
import * as peopleRepo from "../people/people.repository.ts";
import * as repo from "./contracts.repository.ts";
import { renderContract } from "./contract-pdf.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";

/** What a version keeps: the content, the signature and the end. */
const VERSIONED_FIELDS = [...CONTRACT_CONTENT_FIELDS, "signed_on", "signature_method", "status", "ended_on", "end_reason"] as const;
type VersionedField = (typeof VERSIONED_FIELDS)[number];

function content(c: repo.ContractRow): Record<VersionedField, unknown> {
  return Object.fromEntries(VERSIONED_FIELDS.map((f) => [f, c[f]])) as Record<VersionedField, unknown>;
}

async function views(db: Db, access: PersonAccess, rows: repo.ContractWithNames[], today: string): Promise<Contract[]> {
  const ids = rows.map((r) => r.contract.id);
  const [versions, renewals, structureNames] = await Promise.all([
    repo.versionsOf(db, ids),
    repo.renewalsOf(db, ids),
    repo.structureNames(
      db,
      rows.map((r) => r.contract.structure_id).filter((s): s is string => Boolean(s)),
    ),
  ]);
  return rows.map(({ contract: c, author_name, author_structure_name }) => {
    const status = c.status as ContractStatus;
    const renewedBy = renewals.get(c.id) ?? null;
    return {
      id: c.id,
      person_id: c.person_id,
      type: c.type as ContractType,
      status,
      period: contractPeriod({ status, starts_on: c.starts_on, ends_on: c.ends_on }, today),
      objectives: c.objectives,
      person_commitments: c.person_commitments,
      structure_commitments: c.structure_commitments,
      weekly_hours: c.weekly_hours,
      weekly_hours_reason: c.weekly_hours_reason,
      starts_on: c.starts_on,
      ends_on: c.ends_on,
      signed_on: c.signed_on,
      signature_method: (c.signature_method as SignatureMethod | null) ?? null,
      ended_on: c.ended_on,
      end_reason: c.end_reason,
      renewed_from_id: c.renewed_from_id,
      renewed_by_id: renewedBy,
      structure: c.structure_id ? { id: c.structure_id, name: structureNames.get(c.structure_id) ?? "" } : null,
      orientation_id: c.orientation_id,
      version: c.version,
      created_by: { name: author_name, structure_name: author_structure_name },
      created_at: c.created_at.toISOString(),
      updated_at: c.updated_at.toISOString(),
      versions: versions
        .filter((v) => v.contract_id === c.id)
        .map((v) => ({ version: v.version, kind: v.kind as ContractVersionKind, reason: v.reason, at: v.at.toISOString(), author: { name: v.author_name, structure_name: v.structure_name }, fields: v.fields })),
      permissions: contractPermissions(access, { status, renewed: renewedBy !== null }),
    };
  });
}

/** One contract of the person the caller was granted (a contract of anyone else is not found). */
export async function contractView(db: Db, access: PersonAccess, id: string): Promise<Contract> {
  const row = await repo.findContract(db, id);
  if (!row || row.contract.person_id !== access.person_id) throw new DomainError("not_found", "Contrat introuvable.");
  return (await views(db, access, [row], todayIso()))[0]!;
}

/** The view of a contract row already read (the pathway's current contract). */
export async function contractViewOf(db: Db, access: PersonAccess, row: repo.ContractWithNames): Promise<Contract> {
  if (row.contract.person_id !== access.person_id) throw new DomainError("not_found", "Contrat introuvable.");
  return (await views(db, access, [row], todayIso()))[0]!;
}

export async function listContracts(ctx: Ctx, access: PersonAccess) {
  const rows = await repo.listContracts(ctx.db, access.person_id);
  return { items: await views(ctx.db, access, rows, todayIso()) };
}

const clean = (v: string | null | undefined) => (v ? v : null);

export async function createContract(ctx: Ctx, access: PersonAccess, body: ContractCreateBody): Promise<Contract> {
  const personId = access.person_id;
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const orientation = await currentOrientation(ctx.db, personId);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertContract(tx, {
      person_id: personId,
      type: body.type,
      objectives: clean(body.objectives),
      person_commitments: clean(body.person_commitments),
      structure_commitments: clean(body.structure_commitments),
      weekly_hours: body.weekly_hours,
      weekly_hours_reason: clean(body.weekly_hours_reason),
      starts_on: body.starts_on,
      ends_on: body.ends_on,
      signed_on: body.signed_on ?? null,
      signature_method: body.signature_method ?? null,
      status: body.signed_on ? "signed" : "draft",
      structure_id: membership?.structure_id ?? null,
      orientation_id: orientation?.orientation.id ?? null,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: access.membership_id,
    });
    await repo.insertVersion(tx, {
      contract_id: inserted.id,
      version: 1,
      kind: "created",
      content: content(inserted),
      fields: [...CONTRACT_CONTENT_FIELDS, "signed_on", "signature_method"].filter((f) => inserted[f as ContractContentField] !== null),
      author_user_id: ctx.actor.user_id,
      author_membership_id: access.membership_id,
    });
    await addEvent(ctx, tx, personId, "contract_created", access.membership_id, { contract_id: inserted.id, type: inserted.type, starts_on: inserted.starts_on, ends_on: inserted.ends_on, weekly_hours: inserted.weekly_hours });
    await refreshDeadlines(tx, [personId]);
    if (inserted.signed_on) await addEvent(ctx, tx, personId, "contract_signed", access.membership_id, { contract_id: inserted.id, type: inserted.type, signed_on: inserted.signed_on });
    return inserted;
  });
  return contractView(ctx.db, access, row.id);
}

/** The contract, which the gate found on the person it granted. */
async function grantedContract(ctx: Ctx, access: PersonAccess, id: string) {
  const row = await repo.findContract(ctx.db, id);
  if (!row || row.contract.person_id !== access.person_id) throw new DomainError("not_found", "Contrat introuvable.");
  return row.contract;
}

export async function getContract(ctx: Ctx, access: PersonAccess, id: string): Promise<Contract> {
  return contractView(ctx.db, access, id);
}

/** The state allows the transition (409 otherwise), and the form started from the latest version (409 with it otherwise). */
async function assertTransition(ctx: Ctx, access: PersonAccess, current: repo.ContractRow, transition: ContractTransition, baseVersion?: number): Promise<void> {
  const state = { status: current.status as ContractStatus, renewed: transition === "renew" && (await repo.renewalsOf(ctx.db, [current.id])).has(current.id) };
  if (!contractAllows(state, transition)) {
    throw new DomainError("conflict", contractRefusal(state, transition), { extensions: { contract_status: current.status, latest: await contractView(ctx.db, access, current.id) } });
  }
  if (baseVersion !== undefined && current.version !== baseVersion) {
    throw new DomainError("conflict", `Le contrat a été modifié depuis que vous l'avez ouvert (version ${current.version}, la vôtre partait de la version ${baseVersion}). Rechargez-le avant de recommencer.`, {
      extensions: { current_version: current.version, latest: await contractView(ctx.db, access, current.id) },
    });
  }
}

/** The content fields the body changes, validated on the merged contract (400 naming the field). */
function contentChanges(current: repo.ContractRow, body: Partial<Record<ContractContentField, unknown>>): { changed: ContractContentField[]; next: Record<string, unknown> } {
  const next: Record<string, unknown> = {};
  for (const f of CONTRACT_CONTENT_FIELDS) if (body[f] !== undefined) next[f] = body[f] === "" ? null : body[f];
  const merged = { ...current, ...next } as repo.ContractRow;
  const issues = contractIssues(merged);
  if (issues.length > 0) throw fieldErrors(issues.map((i) => ({ field: i.path, code: "invalid", message: i.message })));
  return { changed: CONTRACT_CONTENT_FIELDS.filter((f) => next[f] !== undefined && next[f] !== current[f]), next };
}

/** Writes the new state of the contract as its next version, in the transaction. */
async function writeVersion(ctx: Ctx, tx: Db, access: PersonAccess, current: repo.ContractRow, values: repo.ContractValues, kind: ContractVersionKind, fields: string[], reason: string | null): Promise<repo.ContractRow> {
  const updated = await repo.updateContract(tx, current.id, current.version, values);
  if (!updated) throw new DomainError("conflict", "Le contrat a été modifié en même temps par quelqu'un d'autre. Rechargez-le avant de recommencer.");
  await repo.insertVersion(tx, { contract_id: current.id, version: updated.version, kind, reason, content: content(updated), fields, author_user_id: ctx.actor.user_id, author_membership_id: access.membership_id });
  return updated;
}

/** PATCH: corrects a draft (a signed contract is amended instead). */
export async function updateContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractUpdateBody): Promise<Contract> {
  const current = await grantedContract(ctx, access, id);
  await assertTransition(ctx, access, current, "edit", body.base_version);
  const { changed, next } = contentChanges(current, body);
  if (changed.length === 0) return contractView(ctx.db, access, id);
  await ctx.db.transaction(async (tx) => {
    const updated = await writeVersion(ctx, tx, access, current, Object.fromEntries(changed.map((f) => [f, next[f]])), "edited", changed, null);
    await addEvent(ctx, tx, current.person_id, "contract_updated", access.membership_id, { contract_id: id, type: updated.type, version: updated.version, fields: changed });
  });
  return contractView(ctx.db, access, id);
}

export async function signContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractSignBody): Promise<Contract> {
  const current = await grantedContract(ctx, access, id);
  await assertTransition(ctx, access, current, "sign", body.base_version);
  await ctx.db.transaction(async (tx) => {
    const updated = await writeVersion(ctx, tx, access, current, { status: "signed", signed_on: body.signed_on, signature_method: body.signature_method }, "signed", ["signed_on", "signature_method"], null);
    await addEvent(ctx, tx, current.person_id, "contract_signed", access.membership_id, { contract_id: id, type: updated.type, signed_on: body.signed_on });
    await refreshDeadlines(tx, [current.person_id]);
  });
  return contractView(ctx.db, access, id);
}

/** An avenant: a new version of a signed contract, with its reason. */
export async function amendContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractAmendBody): Promise<Contract> {
  const current = await grantedContract(ctx, access, id);
  await assertTransition(ctx, access, current, "amend", body.base_version);
  const { changed, next } = contentChanges(current, body);
  if (changed.length === 0) throw new DomainError("validation_failed", "L'avenant ne change rien au contrat : indiquez ce qu'il modifie.", { errors: [{ field: "reason", code: "no_change", message: "L'avenant doit modifier au moins un élément du contrat" }] });
  await ctx.db.transaction(async (tx) => {
    const updated = await writeVersion(ctx, tx, access, current, { ...Object.fromEntries(changed.map((f) => [f, next[f]])), status: "amended" }, "amended", changed, body.reason);
    const number = (await repo.versionsOf(tx, [id])).filter((v) => v.kind === "amended").length;
    await addEvent(ctx, tx, current.person_id, "contract_amended", access.membership_id, { contract_id: id, type: updated.type, version: updated.version, amendment: number, fields: changed, reason: body.reason });
  });
  return contractView(ctx.db, access, id);
}

export async function endContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractEndBody): Promise<Contract> {
  const current = await grantedContract(ctx, access, id);
  await assertTransition(ctx, access, current, "end", body.base_version);
  if (current.signed_on && body.ended_on < current.signed_on) throw fieldErrors([{ field: "ended_on", code: "invalid", message: `Le contrat ne peut pas finir avant sa signature (le ${formatDateFr(current.signed_on)})` }]);
  if (body.ended_on > current.ends_on) throw fieldErrors([{ field: "ended_on", code: "invalid", message: `Le contrat finit au plus tard le ${formatDateFr(current.ends_on)} ; pour le prolonger, faites un avenant ou renouvelez-le` }]);
  await ctx.db.transaction(async (tx) => {
    const updated = await writeVersion(ctx, tx, access, current, { status: "ended", ended_on: body.ended_on, end_reason: body.reason }, "ended", ["ended_on", "end_reason"], body.reason);
    await addEvent(ctx, tx, current.person_id, "contract_ended", access.membership_id, { contract_id: id, type: updated.type, ended_on: body.ended_on, reason: body.reason });
  });
  return contractView(ctx.db, access, id);
}

/** Renewal: the next contract, a draft with the same content, for the following period (by default of the same length). */
export async function renewContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractRenewBody): Promise<Contract> {
  const previous = await grantedContract(ctx, access, id);
  await assertTransition(ctx, access, previous, "renew");
  const starts_on = body.starts_on ?? addDays(previous.ended_on ?? previous.ends_on, 1);
  const ends_on = body.ends_on ?? addDays(starts_on, daysBetween(previous.starts_on, previous.ends_on));
  const draft = { ...Object.fromEntries(CONTRACT_CONTENT_FIELDS.map((f) => [f, previous[f]])), starts_on, ends_on } as repo.ContractRow;
  const issues = contractIssues(draft);
  if (issues.length > 0) throw fieldErrors(issues.map((i) => ({ field: i.path, code: "invalid", message: i.message })));
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const orientation = await currentOrientation(ctx.db, previous.person_id);
  const row = await ctx.db.transaction(async (tx) => {
    if ((await repo.renewalsOf(tx, [id])).has(id)) throw new DomainError("conflict", "Ce contrat a déjà été renouvelé : renouvelez le dernier contrat.");
    const inserted = await repo.insertContract(tx, {
      person_id: previous.person_id,
      type: draft.type,
      objectives: draft.objectives,
      person_commitments: draft.person_commitments,
      structure_commitments: draft.structure_commitments,
      weekly_hours: draft.weekly_hours,
      weekly_hours_reason: draft.weekly_hours_reason,
      starts_on,
      ends_on,
      status: "draft",
      renewed_from_id: id,
      structure_id: membership?.structure_id ?? previous.structure_id,
      orientation_id: orientation?.orientation.id ?? previous.orientation_id,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: access.membership_id,
    });
    await repo.insertVersion(tx, {
      contract_id: inserted.id,
      version: 1,
      kind: "created",
      reason: `Renouvellement du contrat du ${formatDateFr(previous.starts_on)}`,
      content: content(inserted),
      fields: CONTRACT_CONTENT_FIELDS.filter((f) => inserted[f] !== null),
      author_user_id: ctx.actor.user_id,
      author_membership_id: access.membership_id,
    });
    await addEvent(ctx, tx, previous.person_id, "contract_renewed", access.membership_id, { contract_id: inserted.id, renewed_from_id: id, type: inserted.type, starts_on, ends_on });
    return inserted;
  });
  return contractView(ctx.db, access, row.id);
}

export async function contractPdf(ctx: Ctx, access: PersonAccess, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const current = await grantedContract(ctx, access, id);
  const personId = current.person_id;
  const [person, referents, view] = await Promise.all([peopleRepo.findPerson(ctx.db, personId), peopleRepo.referentsOf(ctx.db, [personId]), contractView(ctx.db, access, id)]);
  if (!person) throw new DomainError("not_found", "Contrat introuvable.");
  const referent = referents.get(personId);
  const pdf = await renderContract(
    { name: `${person.person.first_names} ${person.person.last_name}`, birth_date: person.person.birth_date, referent: referent ? { name: referent.name, structure_name: referent.structure_name } : null },
    view,
    todayIso(),
  );
  return { pdf, filename: `contrat-${current.starts_on}-v${current.version}.pdf` };
}
