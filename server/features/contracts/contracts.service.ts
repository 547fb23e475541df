// Contracts: several per person over time, each versioned (every change keeps the whole previous
// state); a stale base_version is a conflict. Writing needs the "update" permission of the file.
import { contractStatus, type ContractType, type SignatureMethod } from "../../../common/domain/contracts.ts";
import { todayIso } from "../../../common/domain/dates.ts";
import { contractIssues, type Contract, type ContractCreateBody, type ContractUpdateBody } from "../../../common/schemas/contracts.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { PersonAccess } from "../../policy/people.ts";
import { currentOrientation } from "../orientation/orientation.repository.ts";
import { addEvent } from "../people/events.ts";
import * as peopleRepo from "../people/people.repository.ts";
import * as repo from "./contracts.repository.ts";
import { renderContract } from "./contract-pdf.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";

const CONTENT_FIELDS = [
  "type",
  "objectives",
  "person_commitments",
  "structure_commitments",
  "weekly_hours",
  "weekly_hours_reason",
  "starts_on",
  "ends_on",
  "signed_on",
  "signature_method",
] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

function content(c: repo.ContractRow): Record<ContentField, unknown> {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, c[f]])) as Record<ContentField, unknown>;
}

async function views(db: Db, rows: repo.ContractWithNames[], today: string): Promise<Contract[]> {
  const versions = await repo.versionsOf(
    db,
    rows.map((r) => r.contract.id),
  );
  const structureNames = new Map<string, string | null>();
  for (const r of rows) if (r.contract.structure_id && !structureNames.has(r.contract.structure_id)) structureNames.set(r.contract.structure_id, await repo.structureName(db, r.contract.structure_id));
  return rows.map(({ contract: c, author_name, author_structure_name }) => ({
    id: c.id,
    person_id: c.person_id,
    type: c.type as ContractType,
    status: contractStatus(c, today),
    objectives: c.objectives,
    person_commitments: c.person_commitments,
    structure_commitments: c.structure_commitments,
    weekly_hours: c.weekly_hours,
    weekly_hours_reason: c.weekly_hours_reason,
    starts_on: c.starts_on,
    ends_on: c.ends_on,
    signed_on: c.signed_on,
    signature_method: (c.signature_method as SignatureMethod | null) ?? null,
    structure: c.structure_id ? { id: c.structure_id, name: structureNames.get(c.structure_id) ?? "" } : null,
    orientation_id: c.orientation_id,
    version: c.version,
    created_by: { name: author_name, structure_name: author_structure_name },
    created_at: c.created_at.toISOString(),
    updated_at: c.updated_at.toISOString(),
    versions: versions
      .filter((v) => v.contract_id === c.id)
      .map((v) => ({ version: v.version, at: v.at.toISOString(), author: { name: v.author_name, structure_name: v.structure_name }, fields: v.fields })),
  }));
}

/** One contract of the person the caller was granted (a contract of anyone else is not found). */
export async function contractView(db: Db, access: PersonAccess, id: string): Promise<Contract> {
  const row = await repo.findContract(db, id);
  if (!row || row.contract.person_id !== access.person_id) throw new DomainError("not_found", "Contrat introuvable.");
  return (await views(db, [row], todayIso()))[0]!;
}

export async function listContracts(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const rows = await repo.listContracts(ctx.db, personId);
  return { items: await views(ctx.db, rows, todayIso()) };
}

export async function createContract(ctx: Ctx, access: PersonAccess, body: ContractCreateBody): Promise<Contract> {
  const personId = access.person_id;
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const orientation = await currentOrientation(ctx.db, personId);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertContract(tx, {
      person_id: personId,
      type: body.type,
      objectives: body.objectives || null,
      person_commitments: body.person_commitments || null,
      structure_commitments: body.structure_commitments || null,
      weekly_hours: body.weekly_hours,
      weekly_hours_reason: body.weekly_hours_reason || null,
      starts_on: body.starts_on,
      ends_on: body.ends_on,
      signed_on: body.signed_on ?? null,
      signature_method: body.signature_method ?? null,
      structure_id: membership?.structure_id ?? null,
      orientation_id: orientation?.orientation.id ?? null,
      created_by_user_id: ctx.actor.user_id,
      created_by_membership_id: access.membership_id,
    });
    await repo.insertVersion(tx, { contract_id: inserted.id, version: 1, content: content(inserted), fields: CONTENT_FIELDS.filter((f) => inserted[f] !== null), author_user_id: ctx.actor.user_id, author_membership_id: access.membership_id });
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
  return row;
}

export async function getContract(ctx: Ctx, access: PersonAccess, id: string): Promise<Contract> {
  return contractView(ctx.db, access, id);
}

export async function updateContract(ctx: Ctx, access: PersonAccess, id: string, body: ContractUpdateBody): Promise<Contract> {
  const row = await grantedContract(ctx, access, id);
  const current = row.contract;
  const personId = current.person_id;
  if (current.version !== body.base_version) {
    throw new DomainError("conflict", `Le contrat a été modifié depuis que vous l'avez ouvert (version ${current.version}, la vôtre partait de la version ${body.base_version}). Rechargez-le avant de recommencer.`, {
      extensions: { current_version: current.version, latest: await contractView(ctx.db, access, id) },
    });
  }
  const next: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) if (body[f] !== undefined) next[f] = body[f] === "" ? null : body[f];
  const merged = { ...current, ...next } as repo.ContractRow;
  const issues = contractIssues(merged);
  if (issues.length > 0) throw fieldErrors(issues.map((i) => ({ field: i.path, code: "invalid", message: i.message })));
  const changed = CONTENT_FIELDS.filter((f) => next[f] !== undefined && next[f] !== current[f]);
  if (changed.length === 0) return contractView(ctx.db, access, id);
  await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateContract(tx, id, current.version, Object.fromEntries(changed.map((f) => [f, next[f]])));
    if (!updated) throw new DomainError("conflict", "Le contrat a été modifié en même temps par quelqu'un d'autre. Rechargez-le avant de recommencer.");
    await repo.insertVersion(tx, { contract_id: id, version: updated.version, content: content(updated), fields: changed, author_user_id: ctx.actor.user_id, author_membership_id: access.membership_id });
    if (changed.includes("signed_on") && updated.signed_on && !current.signed_on) {
      await addEvent(ctx, tx, personId, "contract_signed", access.membership_id, { contract_id: id, type: updated.type, signed_on: updated.signed_on });
    }
    if (changed.includes("signed_on")) await refreshDeadlines(tx, [personId]);
    const others = changed.filter((f) => f !== "signed_on" && f !== "signature_method");
    if (others.length > 0) await addEvent(ctx, tx, personId, "contract_updated", access.membership_id, { contract_id: id, type: updated.type, version: updated.version, fields: others });
  });
  return contractView(ctx.db, access, id);
}

export async function contractPdf(ctx: Ctx, access: PersonAccess, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const row = await grantedContract(ctx, access, id);
  const personId = row.contract.person_id;
  const [person, referents, view] = await Promise.all([peopleRepo.findPerson(ctx.db, personId), peopleRepo.referentsOf(ctx.db, [personId]), contractView(ctx.db, access, id)]);
  if (!person) throw new DomainError("not_found", "Contrat introuvable.");
  const referent = referents.get(personId);
  const pdf = await renderContract(
    { name: `${person.person.first_names} ${person.person.last_name}`, birth_date: person.person.birth_date, referent: referent ? `${referent.name} (${referent.structure_name})` : null },
    view,
    todayIso(),
  );
  return { pdf, filename: `contrat-${row.contract.starts_on}-v${row.contract.version}.pdf` };
}
