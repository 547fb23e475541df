// Deadlines of the pathway (DOMAIN.md §4), as pure functions of dates: no clock, no I/O. Each
// answers the due date and a status for a given "today":
//
//   ok        not done, more than `soon_days` days left
//   soon      not done, due within `soon_days` days (the due date itself is still "soon")
//   overdue   not done and the due date is past (from the day after the due date)
//   done      the step happened (done_on), `late` when it happened after the due date
//
// Orientation: due 6 weeks (42 days) after the RSA right opened (décret n° 2024-1244). It applies
// when an RSA right opening date is known and the right is neither refused nor closed; the first
// orientation decision, whenever it was made, completes it.
// Contract: due 1 month after the latest orientation was notified (art. D5411-14-1 code du
// travail); a réorientation is a new orientation, so it restarts the month. A contract signed on or
// after that notification date completes it; an unsigned draft does not.
// Contact: "no contact for 3 months" is due 3 months after the last contact with the person (or
// after the file was created when there was none yet); it is never "done", it moves with contacts.
// A person whose RSA right was refused is not followed: no contact is owed (product decision, issue 8).
import { addDays, addMonths, daysBetween } from "./dates.ts";
import type { RsaStatus } from "./person.ts";

export const DEADLINE_KINDS = ["orientation", "contract", "contact"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_STATUSES = ["ok", "soon", "overdue", "done"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  orientation: "Orientation",
  contract: "Contrat d'engagement",
  contact: "Dernier contact",
};
export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  ok: "Dans les délais",
  soon: "Échéance proche",
  overdue: "En retard",
  done: "Fait",
};

export interface Deadline {
  kind: DeadlineKind;
  /** When the clock started. */
  started_on: string;
  due_on: string;
  status: DeadlineStatus;
  /** Days from today to the due date: negative once overdue. */
  days_left: number;
  done_on: string | null;
  /** Done after the due date. */
  late: boolean;
}

export interface DeadlineSettings {
  /** Weeks from the RSA right opening to the orientation decision. Default 6 (legal). */
  orientation_weeks: number;
  /** Months from the notified orientation to the signed contract. Default 1 (legal). */
  contract_months: number;
  /** Months without contact after which a person is flagged. Default 3. */
  contact_months: number;
  /** A deadline within this many days is "soon". Default 7. */
  soon_days: number;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = { orientation_weeks: 6, contract_months: 1, contact_months: 3, soon_days: 7 };

/** A territory's deadline settings: what it set, the defaults for the rest. */
export function resolveDeadlineSettings(partial: Partial<Record<keyof DeadlineSettings, number | undefined>> | undefined): DeadlineSettings {
  return { ...DEFAULT_DEADLINE_SETTINGS, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) };
}

/** RSA states where no orientation is owed. */
export const NO_ORIENTATION_OWED: readonly RsaStatus[] = ["droit_refuse", "droit_clos", "droit_clos_mois_anterieur"];

function deadline(kind: DeadlineKind, startedOn: string, dueOn: string, doneOn: string | null, today: string, soonDays: number): Deadline {
  const daysLeft = daysBetween(today, dueOn);
  if (doneOn) return { kind, started_on: startedOn, due_on: dueOn, status: "done", days_left: daysLeft, done_on: doneOn, late: doneOn > dueOn };
  const status: DeadlineStatus = daysLeft < 0 ? "overdue" : daysLeft <= soonDays ? "soon" : "ok";
  return { kind, started_on: startedOn, due_on: dueOn, status, days_left: daysLeft, done_on: null, late: false };
}

export interface OrientationDeadlineInput {
  rsa_right_opened_on: string | null;
  rsa_status: RsaStatus | null;
  /** Date of the first orientation decision, if any. */
  first_orientation_on: string | null;
}

export function orientationDeadline(input: OrientationDeadlineInput, today: string, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS): Deadline | null {
  if (!input.rsa_right_opened_on) return null;
  if (!input.first_orientation_on && input.rsa_status && NO_ORIENTATION_OWED.includes(input.rsa_status)) return null;
  const due = addDays(input.rsa_right_opened_on, settings.orientation_weeks * 7);
  return deadline("orientation", input.rsa_right_opened_on, due, input.first_orientation_on, today, settings.soon_days);
}

export interface ContractDeadlineInput {
  /** Notification date of the latest orientation (a réorientation included), if any. */
  latest_orientation_notified_on: string | null;
  /** Signature dates of the person's contracts. */
  contracts_signed_on: readonly string[];
}

export function contractDeadline(input: ContractDeadlineInput, today: string, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS): Deadline | null {
  const start = input.latest_orientation_notified_on;
  if (!start) return null;
  const due = addMonths(start, settings.contract_months);
  const signedSince = input.contracts_signed_on.filter((d) => d >= start).sort();
  return deadline("contract", start, due, signedSince[0] ?? null, today, settings.soon_days);
}

export interface ContactDeadlineInput {
  last_contact_on: string | null;
  /** When the file was created: the clock's start when there was no contact yet. */
  file_created_on: string;
}

export function contactDeadline(input: ContactDeadlineInput, today: string, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS): Deadline {
  const start = input.last_contact_on ?? input.file_created_on;
  return deadline("contact", start, addMonths(start, settings.contact_months), null, today, settings.soon_days);
}

export interface PersonDeadlines {
  orientation: Deadline | null;
  contract: Deadline | null;
  /** Null when the person is not followed (RSA right refused). */
  contact: Deadline | null;
}

/** RSA states where the person is not followed: no contact is owed. */
export const NOT_FOLLOWED: readonly RsaStatus[] = ["droit_refuse"];

export function personDeadlines(
  input: OrientationDeadlineInput & ContractDeadlineInput & ContactDeadlineInput,
  today: string,
  settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS,
): PersonDeadlines {
  return {
    orientation: orientationDeadline(input, today, settings),
    contract: contractDeadline(input, today, settings),
    contact: input.rsa_status && NOT_FOLLOWED.includes(input.rsa_status) ? null : contactDeadline(input, today, settings),
  };
}

/** A legal deadline (orientation or contract) is overdue: the "en retard" filter of "my people". */
export function hasOverdueDeadline(d: PersonDeadlines): boolean {
  return d.orientation?.status === "overdue" || d.contract?.status === "overdue";
}

/** No contact for `contact_months` months: the contact deadline is past. */
export function noRecentContact(d: PersonDeadlines): boolean {
  return d.contact?.status === "overdue";
}

/**
 * What is stored on the person's row, so that lists and queues filter with indexed predicates and
 * show the deadlines without recomputing them:
 * - `legal_due_on`: the due date of the pending legal deadline (orientation or contract), null when
 *   none is owed, it is done, or its start is unknown;
 * - `contact_due_on`: the due date of the contact deadline, null when the person is not followed;
 * - `pending_step`: the legal step the person waits for: "orientation" (no orientation decided and
 *   one is owed, even when the RSA right's opening date is unknown), "contract" (oriented, no
 *   contract signed since the latest notification), or null;
 * - `deadline_dates`: the dates of each deadline without its status (deadlinesFromDates gives the
 *   statuses for a day).
 * A deadline is overdue when its due date is before today, the same rule as `deadline()` (the due
 * date itself is still "soon"), so `legal_due_on < today` is hasOverdueDeadline and
 * `contact_due_on < today` is noRecentContact, whatever the day.
 */
export interface StoredDeadlines {
  legal_due_on: string | null;
  contact_due_on: string | null;
  pending_step: PendingStep | null;
  deadline_dates: DeadlineDates;
}

export type PendingStep = "orientation" | "contract";

export interface DeadlineDateSet {
  started_on: string;
  due_on: string;
  done_on: string | null;
}

export interface DeadlineDates {
  orientation: DeadlineDateSet | null;
  contract: DeadlineDateSet | null;
  contact: DeadlineDateSet | null;
}

function dateSet(d: Deadline | null): DeadlineDateSet | null {
  return d ? { started_on: d.started_on, due_on: d.due_on, done_on: d.done_on } : null;
}

export function storedDeadlines(d: PersonDeadlines, input: OrientationDeadlineInput): StoredDeadlines {
  const pending = [d.orientation, d.contract].filter((x): x is Deadline => x !== null && x.status !== "done").map((x) => x.due_on).sort();
  const owedOrientation = !input.first_orientation_on && !(input.rsa_status && NO_ORIENTATION_OWED.includes(input.rsa_status));
  const pendingStep: PendingStep | null = owedOrientation ? "orientation" : d.contract && d.contract.status !== "done" ? "contract" : null;
  return {
    legal_due_on: pending[0] ?? null,
    contact_due_on: d.contact?.due_on ?? null,
    pending_step: pendingStep,
    deadline_dates: { orientation: dateSet(d.orientation), contract: dateSet(d.contract), contact: dateSet(d.contact) },
  };
}

/** The deadlines of stored dates, with their statuses on `today` (lists read them from the row). */
export function deadlinesFromDates(dates: DeadlineDates, today: string, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS): PersonDeadlines {
  const of = (kind: DeadlineKind, x: DeadlineDateSet | null) => (x ? deadline(kind, x.started_on, x.due_on, x.done_on, today, settings.soon_days) : null);
  return { orientation: of("orientation", dates.orientation), contract: of("contract", dates.contract), contact: of("contact", dates.contact) };
}
