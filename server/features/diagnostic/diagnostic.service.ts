// The shared diagnostic: one per person, every save a new whole version; a stale base_version is
// a conflict (409 with the latest version), never a silent overwrite.
import { diffDiagnostics } from "../../../common/domain/diagnostic-diff.ts";
import { emptyAssessment, emptyProfessional, type Assessor, type DiagnosticContent, type ProfessionalSide } from "../../../common/domain/diagnostic.ts";
import { THEMATICS } from "../../../common/domain/thematics.ts";
import type { Diagnostic, DiagnosticBody, ProfessionalInput } from "../../../common/schemas/diagnostic.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import type { PersonAccess } from "../../policy/people.ts";
import { addEvent } from "../people/events.ts";
import * as peopleRepo from "../people/people.repository.ts";
import { currentOrientationLabel } from "../orientation/orientation.repository.ts";
import * as repo from "./diagnostic.repository.ts";
import { renderPortrait } from "./portrait-pdf.ts";

/** A stored content with every thematic present (a version saved before a thematic existed reads as "non abordé"). */
export function normalizeContent(content: DiagnosticContent | null | undefined): DiagnosticContent {
  const thematics = {} as DiagnosticContent["thematics"];
  for (const t of THEMATICS) thematics[t.slug] = { ...emptyAssessment(), ...(content?.thematics?.[t.slug] ?? {}) };
  const professional = { ...emptyProfessional(), ...(content?.professional ?? {}) };
  professional.mobility = { ...emptyProfessional().mobility, ...(content?.professional?.mobility ?? {}) };
  return { thematics, professional };
}

export function diagnosticView(personId: string, row: repo.DiagnosticVersionRow | undefined, access: PersonAccess): Diagnostic {
  const content = normalizeContent(row?.content);
  return {
    person_id: personId,
    version: row?.version ?? 0,
    created_at: row?.created_at.toISOString() ?? null,
    author: row ? { name: row.author_name, structure_name: row.structure_name } : null,
    thematics: content.thematics,
    professional: content.professional,
    permissions: { update: access.permissions.update },
  };
}

function professionalFrom(input: ProfessionalInput | undefined): ProfessionalSide {
  if (!input) return emptyProfessional();
  return {
    work_situation: input.work_situation ?? null,
    work_situation_since: input.work_situation_since ?? null,
    last_job_end_date: input.last_job_end_date ?? null,
    qualification_level: input.qualification_level ?? null,
    projects: input.projects.map((p) => ({ job: p.job, contract_kinds: [...new Set(p.contract_kinds)], working_time: p.working_time ?? null })),
    skills: input.skills || null,
    availability: input.availability ?? null,
    wish: input.wish ?? null,
    mobility: {
      driving_licence: input.mobility?.driving_licence ?? null,
      vehicle: input.mobility?.vehicle ?? null,
      radius_km: input.mobility?.radius_km ?? null,
    },
  };
}

/** The new content: the body, each thematic keeping who assessed it unless it changed now. */
function contentFrom(body: DiagnosticBody, previous: DiagnosticContent, assessor: Assessor): DiagnosticContent {
  const thematics = {} as DiagnosticContent["thematics"];
  for (const t of THEMATICS) {
    const input = body.thematics[t.slug];
    const next = { weight: input?.weight ?? "non-aborde", situation: input?.situation || null, needs: input?.needs || null } as const;
    const before = previous.thematics[t.slug];
    const same = before.weight === next.weight && before.situation === next.situation && before.needs === next.needs;
    thematics[t.slug] = { ...next, assessed_by: same ? before.assessed_by : next.weight === "non-aborde" && !next.situation && !next.needs ? null : assessor };
  }
  return { thematics, professional: professionalFrom(body.professional) };
}

export async function getDiagnostic(ctx: Ctx, access: PersonAccess): Promise<Diagnostic> {
  const personId = access.person_id;
  const row = await repo.latestVersion(ctx.db, personId);
  return diagnosticView(personId, row, access);
}

export async function saveDiagnostic(ctx: Ctx, access: PersonAccess, body: DiagnosticBody): Promise<Diagnostic> {
  const personId = access.person_id;
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const assessor: Assessor = { user_id: ctx.actor.user_id, name: ctx.actor.name, structure_name: membership?.structure_name ?? null, at: new Date().toISOString() };
  const outcome = await ctx.db.transaction(async (tx) => {
    await repo.lockPerson(tx, personId);
    const latest = await repo.latestVersion(tx, personId);
    const current = latest?.version ?? 0;
    if (current !== body.base_version) return { conflict: latest } as const;
    const previous = normalizeContent(latest?.content);
    const content = contentFrom(body, previous, assessor);
    const changes = diffDiagnostics(latest ? previous : null, content);
    if (latest && changes.length === 0) return { saved: false } as const;
    await repo.insertVersion(tx, { person_id: personId, version: current + 1, content, author_user_id: ctx.actor.user_id, author_membership_id: access.membership_id });
    const thematics = [...new Set(changes.filter((c) => c.thematic).map((c) => c.section_label))];
    await addEvent(ctx, tx, personId, "diagnostic_saved", access.membership_id, { version: current + 1, changes: changes.length, thematics });
    return { saved: true } as const;
  });
  if ("conflict" in outcome) {
    const latest = outcome.conflict;
    const who = latest ? `${latest.author_name}${latest.structure_name ? ` (${latest.structure_name})` : ""}` : "quelqu'un";
    throw new DomainError(
      "conflict",
      `Le diagnostic a été enregistré par ${who} depuis que vous l'avez ouvert (version ${latest?.version ?? 0}, la vôtre partait de la version ${body.base_version}). Vos modifications n'ont pas été enregistrées : comparez-les avec la dernière version avant de recommencer.`,
      { extensions: { current_version: latest?.version ?? 0, latest: diagnosticView(personId, latest, access) } },
    );
  }
  return diagnosticView(personId, await repo.latestVersion(ctx.db, personId), access);
}

export async function listDiagnosticVersions(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const rows = await repo.listVersions(ctx.db, personId);
  let previous: DiagnosticContent | null = null;
  const items = rows.map((r) => {
    const content = normalizeContent(r.content);
    const changes = diffDiagnostics(previous, content).length;
    previous = content;
    return { version: r.version, created_at: r.created_at.toISOString(), author: { name: r.author_name, structure_name: r.structure_name }, changes };
  });
  return { items: items.reverse() };
}

export async function getDiagnosticVersion(ctx: Ctx, access: PersonAccess, version: number): Promise<Diagnostic> {
  const personId = access.person_id;
  const row = await repo.findVersion(ctx.db, personId, version);
  if (!row) throw new DomainError("not_found", `Le diagnostic n'a pas de version ${version}.`);
  return diagnosticView(personId, row, access);
}

export async function diffDiagnosticVersions(ctx: Ctx, access: PersonAccess, from: number, to: number) {
  const personId = access.person_id;
  const load = async (version: number) => {
    if (version === 0) return null;
    const row = await repo.findVersion(ctx.db, personId, version);
    if (!row) throw new DomainError("not_found", `Le diagnostic n'a pas de version ${version}.`);
    return normalizeContent(row.content);
  };
  const [before, after] = await Promise.all([load(from), load(to)]);
  return { from, to, changes: diffDiagnostics(before, after) };
}

export async function portraitPdf(ctx: Ctx, access: PersonAccess, today: string): Promise<{ pdf: Buffer; filename: string }> {
  const personId = access.person_id;
  const [person, referents, row, orientation] = await Promise.all([
    peopleRepo.findPerson(ctx.db, personId),
    peopleRepo.referentsOf(ctx.db, [personId]),
    repo.latestVersion(ctx.db, personId),
    currentOrientationLabel(ctx.db, personId),
  ]);
  if (!person) throw new DomainError("not_found", "Dossier introuvable.");
  const referent = referents.get(personId);
  const pdf = await renderPortrait(
    {
      name: `${person.person.first_names} ${person.person.last_name}`,
      birth_date: person.person.birth_date,
      referent: referent ? `${referent.name} (${referent.structure_name})` : null,
      orientation,
    },
    diagnosticView(personId, row, access),
    today,
  );
  return { pdf, filename: `portrait-${person.person.last_name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-v${row?.version ?? 0}.pdf` };
}
