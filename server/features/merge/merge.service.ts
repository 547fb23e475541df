// Merging two files of the same person (issue 9, "dites-le nous une fois"): a coordinator of the
// territories of both files previews them side by side, then merges. In one transaction every part
// of the merged file (diagnostic versions, orientations, réorientation requests, contracts and their
// versions, objectives and actions, notes, team seats, join requests, notifications, timeline events,
// access-log rows) moves to the kept file; the merged file becomes a tombstone (people.merged_into)
// that is no longer listed, searched nor a duplicate candidate, and whose URL answers the kept
// file's id. Not undoable. Refused (409) when the files hold different NIRs or both wait on a
// réorientation request. What wins: the kept file's values; its empty fields are filled from the
// merged file (identifiers, contact, address, RSA); its référent stays référent.
import type { MergePreview, MergeSide } from "../../../common/schemas/people.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { recordMergePreview } from "../../policy/gate.ts";
import { mergePair, type PersonAccess } from "../../policy/people.ts";
import { maskNir } from "../../../common/domain/identifiers.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";
import { addEvent } from "../people/events.ts";
import * as peopleRepo from "../people/people.repository.ts";
import { nameKeys } from "../people/people.service.ts";
import { getCommune } from "../territories/geography.ts";
import * as repo from "./merge.repository.ts";

type Row = NonNullable<Awaited<ReturnType<typeof peopleRepo.findPerson>>>;

/** Fields compared side by side: a difference is listed; the kept file's value wins, an empty one is filled. */
const COMPARED: { field: string; label: string; value: (r: Row, ctx: Ctx) => string | null }[] = [
  { field: "first_names", label: "Prénoms", value: (r) => r.person.first_names },
  { field: "last_name", label: "Nom", value: (r) => r.person.last_name },
  { field: "birth_name", label: "Nom de naissance", value: (r) => r.person.birth_name },
  { field: "birth_date", label: "Date de naissance", value: (r) => r.person.birth_date },
  { field: "email", label: "Courriel", value: (r) => r.person.email },
  { field: "phone", label: "Téléphone", value: (r) => r.person.phone },
  { field: "address", label: "Adresse", value: (r) => [r.person.street, r.person.postal_code, r.person.commune_code].filter(Boolean).join(" ") || null },
  { field: "caf_number", label: "Numéro allocataire", value: (r) => r.person.caf_number },
  { field: "france_travail_id", label: "Identifiant France Travail", value: (r) => r.person.france_travail_id },
  { field: "department_id", label: "Identifiant départemental", value: (r) => r.person.department_id },
  { field: "rsa_status", label: "Statut RSA", value: (r) => r.person.rsa_status },
  { field: "rsa_right_opened_on", label: "Ouverture du droit RSA", value: (r) => r.person.rsa_right_opened_on },
  { field: "territory", label: "Territoire", value: (r) => r.territory_name },
];

async function load(ctx: Ctx, id: string): Promise<Row> {
  const row = await peopleRepo.findPerson(ctx.db, id);
  if (!row) throw new DomainError("not_found", "Dossier introuvable.");
  return row;
}

function side(ctx: Ctx, row: Row, referent: peopleRepo.Referent | undefined, counts: Record<string, number>): MergeSide {
  const p = row.person;
  return {
    id: p.id,
    first_names: p.first_names,
    last_name: p.last_name,
    birth_name: p.birth_name,
    birth_date: p.birth_date,
    email: p.email,
    phone: p.phone,
    commune_name: p.commune_code ? (getCommune(p.commune_code)?.name ?? null) : null,
    caf_number: p.caf_number,
    france_travail_id: p.france_travail_id,
    department_id: p.department_id,
    nir_masked: p.nir_encrypted ? maskNir(ctx.crypto.decrypt(p.nir_encrypted)) : null,
    territory_name: row.territory_name,
    referent: referent ? { name: referent.name, structure_name: referent.structure_name } : null,
    created_at: p.created_at.toISOString(),
    counts,
  };
}

function conflicts(ctx: Ctx, kept: Row, merged: Row, pending: { kept: number; merged: number }, referents: { kept?: peopleRepo.Referent | undefined; merged?: peopleRepo.Referent | undefined }) {
  const out: MergePreview["conflicts"] = [];
  if (kept.person.nir_hash && merged.person.nir_hash && kept.person.nir_hash !== merged.person.nir_hash) {
    out.push({ field: "nir", message: "Les deux dossiers ont des numéros de sécurité sociale (NIR) différents : ce ne sont pas la même personne, la fusion est impossible.", blocking: true });
  }
  if (pending.kept > 0 && pending.merged > 0) {
    out.push({ field: "reorientation_requests", message: "Une demande de réorientation attend dans chacun des dossiers : décidez-en une avant de fusionner.", blocking: true });
  }
  for (const c of COMPARED) {
    const a = c.value(kept, ctx);
    const b = c.value(merged, ctx);
    if (a && b && a !== b) out.push({ field: c.field, message: `${c.label} différent : le dossier conservé garde « ${a} » (l'autre dossier indique « ${b} »).`, blocking: false });
  }
  if (referents.kept && referents.merged && referents.kept.user_id !== referents.merged.user_id) {
    out.push({
      field: "referent",
      message: `Deux référent·es : ${referents.kept.name} (${referents.kept.structure_name}) reste référent·e ; ${referents.merged.name} (${referents.merged.structure_name}) reste dans l'équipe.`,
      blocking: false,
    });
  }
  return out;
}

async function previewOf(ctx: Ctx, keptId: string, mergedId: string): Promise<MergePreview> {
  const [kept, merged, referents, counts, pendingKept, pendingMerged] = await Promise.all([
    load(ctx, keptId),
    load(ctx, mergedId),
    peopleRepo.referentsOf(ctx.db, [keptId, mergedId]),
    repo.countParts(ctx.db, [keptId, mergedId]),
    repo.pendingReorientations(ctx.db, keptId),
    repo.pendingReorientations(ctx.db, mergedId),
  ]);
  const list = conflicts(ctx, kept, merged, { kept: pendingKept, merged: pendingMerged }, { kept: referents.get(keptId), merged: referents.get(mergedId) });
  return {
    kept: side(ctx, kept, referents.get(keptId), counts.get(keptId)!),
    merged: side(ctx, merged, referents.get(mergedId), counts.get(mergedId)!),
    conflicts: list,
    can_merge: !list.some((c) => c.blocking),
  };
}

export async function mergePreview(ctx: Ctx, kept: PersonAccess, mergedId: string): Promise<MergePreview> {
  const merged = await mergePair(ctx.db, ctx.actor, kept, mergedId);
  const preview = await previewOf(ctx, kept.person_id, merged.person_id);
  await recordMergePreview(ctx, merged);
  return preview;
}

/** The kept file's empty fields, filled from the merged file. */
function filledFields(kept: Row["person"], merged: Row["person"]): Partial<peopleRepo.PersonInsert> {
  const out: Partial<peopleRepo.PersonInsert> = {};
  const simple = ["birth_name", "email", "phone", "caf_number", "france_travail_id", "department_id", "rsa_right_opened_on", "rsa_status", "territory_id"] as const;
  for (const key of simple) if (kept[key] === null && merged[key] !== null) (out as Record<string, unknown>)[key] = merged[key];
  if (!kept.nir_hash && merged.nir_hash) Object.assign(out, { nir_hash: merged.nir_hash, nir_encrypted: merged.nir_encrypted });
  if (!kept.street && !kept.commune_code && (merged.street || merged.commune_code)) {
    Object.assign(out, { street: merged.street, complement: merged.complement, postal_code: merged.postal_code, commune_code: merged.commune_code });
  }
  if (out.birth_name) Object.assign(out, nameKeys({ first_names: kept.first_names, last_name: kept.last_name, birth_name: out.birth_name }));
  return out;
}

export async function mergePeople(ctx: Ctx, kept: PersonAccess, mergedId: string) {
  const merged = await mergePair(ctx.db, ctx.actor, kept, mergedId);
  const keptId = kept.person_id;
  const preview = await previewOf(ctx, keptId, merged.person_id);
  const blocking = preview.conflicts.filter((c) => c.blocking);
  if (blocking.length > 0) throw new DomainError("conflict", blocking.map((c) => c.message).join(" "), { extensions: { conflicts: blocking } });
  const before = await repo.countParts(ctx.db, [keptId, mergedId]);
  await ctx.db.transaction(async (tx) => {
    // Checked again under the rows' locks: a concurrent merge or NIR change is seen.
    const locked = await repo.lockPeople(tx, [keptId, mergedId]);
    if (locked.length !== 2 || locked.some((r) => r.merged_into)) throw new DomainError("conflict", "L'un des deux dossiers vient d'être fusionné : rechargez la page.");
    const [a, b] = locked.map((r) => r.nir_hash);
    if (a && b && a !== b) throw new DomainError("conflict", "Les deux dossiers ont des numéros de sécurité sociale (NIR) différents : la fusion est impossible.");
    if ((await repo.pendingReorientations(tx, keptId)) > 0 && (await repo.pendingReorientations(tx, mergedId)) > 0) {
      throw new DomainError("conflict", "Une demande de réorientation attend dans chacun des dossiers : décidez-en une avant de fusionner.");
    }
    const keptRow = (await peopleRepo.findPerson(tx, keptId))!.person;
    const mergedRow = (await peopleRepo.findPerson(tx, mergedId))!.person;
    await repo.moveDiagnosticVersions(tx, keptId, mergedId);
    await repo.moveTeam(tx, keptId, mergedId);
    await repo.moveJoinRequests(tx, keptId, mergedId, ctx.actor.user_id);
    await repo.moveRows(tx, keptId, mergedId);
    // The unique identifiers leave the tombstone before they are written on the kept file.
    await peopleRepo.updatePerson(tx, mergedId, { merged_into: keptId, merged_at: new Date(), caf_number: null, nir_hash: null, nir_encrypted: null, legal_due_on: null });
    const filled = filledFields(keptRow, mergedRow);
    if (Object.keys(filled).length > 0) await peopleRepo.updatePerson(tx, keptId, filled);
    const movedRows = Object.values(before.get(mergedId)!).reduce((sum, n) => sum + n, 0);
    await addEvent(ctx, tx, keptId, "person_merged", kept.membership_id, {
      merged_person_id: mergedId,
      merged_name: `${mergedRow.first_names} ${mergedRow.last_name}`,
      moved_rows: movedRows,
      filled_fields: Object.keys(filled).filter((k) => !["last_name_key", "birth_name_key", "first_name_key", "search_key", "nir_encrypted"].includes(k)),
    });
    await addEvent(ctx, tx, mergedId, "merged_into", merged.membership_id, { kept_person_id: keptId });
    await refreshDeadlines(tx, [keptId]);
  });
  return { kept_id: keptId, merged_id: mergedId, moved: before.get(mergedId)! };
}
