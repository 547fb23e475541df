// The pathway at a glance and its deadlines (computed by the pure rules of
// common/domain/deadlines.ts with the territory's settings).
import { todayIso } from "../../../common/domain/dates.ts";
import { deadlinesFromDates, hasOverdueDeadline, noRecentContact, personDeadlines, type DeadlineDates, type PersonDeadlines } from "../../../common/domain/deadlines.ts";
import type { Deadlines, Pathway } from "../../../common/schemas/pathway.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import type { PersonAccess } from "../../policy/people.ts";
import { contractViewOf } from "../contracts/contracts.service.ts";
import * as contractsRepo from "../contracts/contracts.repository.ts";
import * as diagnosticRepo from "../diagnostic/diagnostic.repository.ts";
import * as orientationRepo from "../orientation/orientation.repository.ts";
import { orientationView, reorientationView } from "../orientation/orientation.service.ts";
import { deadlineFacts, type DeadlineFacts } from "./deadlines.repository.ts";
import { deadlineSettingsFor, deadlineSettingsOfPeople } from "./stored-deadlines.ts";

function withFlags(d: PersonDeadlines): Deadlines {
  return { ...d, overdue: hasOverdueDeadline(d), no_recent_contact: noRecentContact(d) };
}

/** Deadlines of each person the caller was granted, by id. */
export async function deadlinesFor(db: Db, granted: Iterable<PersonAccess>, today: string = todayIso()): Promise<Map<string, Deadlines & { facts: DeadlineFacts }>> {
  const personIds = [...granted].filter((a) => a.permissions.read).map((a) => a.person_id);
  const [facts, settings] = await Promise.all([deadlineFacts(db, personIds), deadlineSettingsOfPeople(db, personIds)]);
  const out = new Map<string, Deadlines & { facts: DeadlineFacts }>();
  for (const f of facts) {
    const d = personDeadlines(f, today, f.territory_id ? settings.get(f.territory_id) : undefined);
    out.set(f.person_id, { ...withFlags(d), facts: f });
  }
  return out;
}

/**
 * Deadlines of the people of a list page, read from their stored dates (people.deadline_dates) with
 * each territory's settings (one query); rows whose dates were never stored (before the backfill
 * job ran) are computed live.
 */
export async function listedDeadlines(
  db: Db,
  decisions: Promise<Map<string, PersonAccess>>,
  rows: { id: string; territory_id: string | null; deadline_dates: DeadlineDates | null }[],
  today: string = todayIso(),
): Promise<Map<string, Deadlines>> {
  const [settings, granted] = await Promise.all([deadlineSettingsFor(db, rows), decisions]);
  const readable = rows.filter((r) => granted.get(r.id)?.permissions.read);
  const missing = readable.filter((r) => !r.deadline_dates).map((r) => granted.get(r.id)!);
  const live = missing.length ? await deadlinesFor(db, missing, today) : new Map<string, Deadlines>();
  const out = new Map<string, Deadlines>();
  for (const r of readable) {
    if (!r.deadline_dates) {
      const { facts: _facts, ...d } = live.get(r.id) as Deadlines & { facts?: unknown };
      out.set(r.id, d);
    } else out.set(r.id, withFlags(deadlinesFromDates(r.deadline_dates, today, r.territory_id ? settings.get(r.territory_id) : undefined)));
  }
  return out;
}

export async function getPathway(ctx: Ctx, access: PersonAccess): Promise<Pathway> {
  const personId = access.person_id;
  const [deadlines, versions, orientation, pending, contracts] = await Promise.all([
    deadlinesFor(ctx.db, [access]),
    diagnosticRepo.latestVersionNumbers(ctx.db, [personId]),
    orientationRepo.currentOrientation(ctx.db, personId),
    orientationRepo.pendingReorientationRequest(ctx.db, personId),
    contractsRepo.listContracts(ctx.db, personId),
  ]);
  const d = deadlines.get(personId)!;
  const today = todayIso();
  const inForce = (c: (typeof contracts)[number]) => (c.contract.status === "signed" || c.contract.status === "amended") && c.contract.starts_on <= today && today <= c.contract.ends_on;
  const current = contracts.find(inForce) ?? contracts[0];
  const p = access.permissions;
  return {
    person_id: personId,
    permissions: {
      read: p.read,
      update: p.update,
      write_notes: p.write_notes,
      decide_orientation: p.decide_orientation,
      request_reorientation: p.request_reorientation,
      read_access_log: p.read_access_log,
    },
    deadlines: { orientation: d.orientation, contract: d.contract, contact: d.contact, overdue: d.overdue, no_recent_contact: d.no_recent_contact },
    last_contact_on: d.facts.last_contact_on,
    diagnostic_version: versions.get(personId) ?? 0,
    current_orientation: orientation ? orientationView(orientation) : null,
    pending_reorientation: pending ? reorientationView(pending) : null,
    current_contract: current ? await contractViewOf(ctx.db, access, current) : null,
  };
}
