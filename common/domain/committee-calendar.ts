// The calendar of a committee (CTO, cellule de suivi…): its sessions from a recurrence, each
// session's submission deadline, agenda freeze and dispatch, the session states, and where a new
// submission goes. Pure functions, no clock, no I/O; days and times are counted with
// working-time.ts in the territory's calendar zone and time zone.
//
// Rules
// - Recurrence: a first date, a local time "HH:MM", every N weeks, an optional last date (`until`,
//   inclusive). A session whose date is a public holiday of the territory moves one week later (again
//   if that day is a holiday too), keeps `moved_from` (the date it would have had), and the cadence
//   continues from the moved session: the next one is N weeks after it.
// - Submission deadline: either a weekday and a time in the session's week (ISO week, Monday first;
//   when that weekday is not before the session's day, the week before), or N calendar days before the
//   session at a time. A deadline on a non-working day (holiday, weekend) moves to the next working day,
//   never past the session's day.
// - Agenda freeze: N working days before the session (default 3) at a time (default 18:00); dispatch
//   to members: N working days before (default 2) at a time (default 09:00). The freeze is never
//   before the deadline, the dispatch never before the freeze.
// - A local time that does not exist (spring) or exists twice (autumn) is read as working-time.ts says.
import { addDays } from "./dates.ts";
import type { CalendarZone } from "./territory-calendar.ts";
import { addWorkingDays, holidayOn, isoWeekday, isoWithOffset, isWorkingDay, nextWorkingDay, zonedInstant } from "./working-time.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: "lundi",
  tuesday: "mardi",
  wednesday: "mercredi",
  thursday: "jeudi",
  friday: "vendredi",
  saturday: "samedi",
  sunday: "dimanche",
};

export const COMMITTEE_KINDS = ["cto", "cellule_suivi", "comite_pilotage", "autre"] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];
export const COMMITTEE_KIND_LABELS: Record<CommitteeKind, string> = {
  cto: "Comité technique territorial (CTO)",
  cellule_suivi: "Cellule de suivi de parcours",
  comite_pilotage: "Comité de pilotage",
  autre: "Autre comité",
};

export const DEFAULT_MAX_SITUATIONS = 10;
export const DEFAULT_FREEZE = { working_days_before: 3, time: "18:00" } as const;
export const DEFAULT_DISPATCH = { working_days_before: 2, time: "09:00" } as const;
/** Months after a decision when its follow-up is due, unless the committee says otherwise. */
export const DEFAULT_FOLLOW_UP_MONTHS = 6;

export interface Recurrence {
  /** "YYYY-MM-DD", may be in the past. */
  first_date: string;
  /** "HH:MM" local time. */
  time: string;
  interval_weeks: number;
  until?: string | null | undefined;
}

export type DeadlineRule = { weekday: Weekday; time: string } | { days_before: number; time: string };

export interface Offset {
  working_days_before: number;
  time: string;
}

export interface CommitteeCalendarRules {
  recurrence: Recurrence;
  submission_deadline: DeadlineRule;
  freeze?: Offset | undefined;
  dispatch?: Offset | undefined;
}

export interface Calendar {
  zone: CalendarZone;
  time_zone: string;
}

/** A date of the recurrence: `nominal` is the date the cadence gave, `date` the one kept. */
export interface RecurrenceDate {
  nominal: string;
  date: string;
  /** The nominal date when a holiday moved the session, else null. */
  moved_from: string | null;
  /** The holiday's name when it moved. */
  moved_reason: string | null;
}

/** Safety bound: a recurrence is walked from its first date; 5 000 sessions is a century weekly. */
const MAX_STEPS = 5000;

/**
 * The dates of the recurrence from its first date up to `to` (inclusive) and its `until`, keeping
 * those on or after `from`. The walk starts at the first date because each holiday move shifts the
 * cadence for every later session.
 */
export function recurrenceDates(recurrence: Recurrence, zone: CalendarZone, from: string, to: string): RecurrenceDate[] {
  const out: RecurrenceDate[] = [];
  const step = Math.max(1, Math.trunc(recurrence.interval_weeks)) * 7;
  const last = recurrence.until && recurrence.until < to ? recurrence.until : to;
  let nominal = recurrence.first_date.slice(0, 10);
  for (let i = 0; i < MAX_STEPS; i += 1) {
    let date = nominal;
    let reason: string | null = null;
    for (let holiday = holidayOn(date, zone); holiday; holiday = holidayOn(date, zone)) {
      reason ??= holiday.name;
      date = addDays(date, 7);
    }
    if (date > last) break;
    if (date >= from) out.push({ nominal, date, moved_from: date === nominal ? null : nominal, moved_reason: date === nominal ? null : reason });
    nominal = addDays(date, step);
  }
  return out;
}

/** The date of the submission deadline of a session held on `sessionDate`, before the working-day move. */
function nominalDeadlineDate(sessionDate: string, rule: DeadlineRule): string {
  if ("days_before" in rule) return addDays(sessionDate, -Math.max(0, Math.trunc(rule.days_before)));
  const sessionDay = isoWeekday(sessionDate);
  const wanted = WEEKDAYS.indexOf(rule.weekday) + 1;
  const inWeek = addDays(sessionDate, wanted - sessionDay);
  return wanted < sessionDay ? inWeek : addDays(inWeek, -7);
}

/** The deadline's local date and time: on a non-working day, the next working day (not past the session's day). */
export function deadlineLocal(sessionDate: string, rule: DeadlineRule, zone: CalendarZone): { date: string; time: string } {
  const nominal = nominalDeadlineDate(sessionDate, rule);
  const moved = isWorkingDay(nominal, zone) ? nominal : nextWorkingDay(nominal, zone);
  return { date: moved > sessionDate ? sessionDate : moved, time: rule.time };
}

export interface SessionInstants {
  starts_at: Date;
  submission_deadline: Date;
  agenda_frozen_at: Date;
  dispatched_at: Date;
}

/** The instants of a session held on `date` at `time` (local) under these rules. */
export function sessionInstants(date: string, time: string, rules: Omit<CommitteeCalendarRules, "recurrence">, calendar: Calendar): SessionInstants {
  const starts_at = zonedInstant(date, time, calendar.time_zone);
  const d = deadlineLocal(date, rules.submission_deadline, calendar.zone);
  const submission_deadline = zonedInstant(d.date, d.time, calendar.time_zone);
  const freeze = rules.freeze ?? DEFAULT_FREEZE;
  const dispatch = rules.dispatch ?? DEFAULT_DISPATCH;
  const frozen = zonedInstant(addWorkingDays(date, -freeze.working_days_before, calendar.zone), freeze.time, calendar.time_zone);
  const agenda_frozen_at = new Date(Math.min(starts_at.getTime(), Math.max(frozen.getTime(), submission_deadline.getTime())));
  const sent = zonedInstant(addWorkingDays(date, -dispatch.working_days_before, calendar.zone), dispatch.time, calendar.time_zone);
  const dispatched_at = new Date(Math.min(starts_at.getTime(), Math.max(sent.getTime(), agenda_frozen_at.getTime())));
  return { starts_at, submission_deadline, agenda_frozen_at, dispatched_at };
}

export interface PlannedSession extends RecurrenceDate, SessionInstants {}

/** The sessions of a committee between two dates (inclusive), with their instants. */
export function plannedSessions(rules: CommitteeCalendarRules, calendar: Calendar, from: string, to: string): PlannedSession[] {
  return recurrenceDates(rules.recurrence, calendar.zone, from, to).map((r) => ({ ...r, ...sessionInstants(r.date, rules.recurrence.time, rules, calendar) }));
}

/** The instants as the API shows them: ISO 8601 with the territory's offset at each instant. */
export function instantsIso(instants: SessionInstants, timeZone: string): Record<keyof SessionInstants, string> {
  return {
    starts_at: isoWithOffset(instants.starts_at, timeZone),
    submission_deadline: isoWithOffset(instants.submission_deadline, timeZone),
    agenda_frozen_at: isoWithOffset(instants.agenda_frozen_at, timeZone),
    dispatched_at: isoWithOffset(instants.dispatched_at, timeZone),
  };
}

// ── Session states ───────────────────────────────────────────────────────────────────────────────

export const SESSION_STATUSES = ["planned", "agenda_frozen", "dispatched", "held", "minutes_sent", "cancelled", "postponed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: "Prévue",
  agenda_frozen: "Ordre du jour arrêté",
  dispatched: "Ordre du jour envoyé",
  held: "Tenue",
  minutes_sent: "Compte rendu envoyé",
  cancelled: "Annulée",
  postponed: "Reportée",
};

export type SessionEvent = "freeze" | "dispatch" | "hold" | "send_minutes" | "cancel" | "postpone";

const TRANSITIONS: Record<SessionEvent, { from: readonly SessionStatus[]; to: SessionStatus }> = {
  freeze: { from: ["planned"], to: "agenda_frozen" },
  dispatch: { from: ["agenda_frozen"], to: "dispatched" },
  // Attendance or decisions recorded: the session was held (a late freeze/dispatch is implied).
  hold: { from: ["planned", "agenda_frozen", "dispatched", "held"], to: "held" },
  send_minutes: { from: ["held"], to: "minutes_sent" },
  cancel: { from: ["planned", "agenda_frozen", "dispatched"], to: "cancelled" },
  postpone: { from: ["planned", "agenda_frozen", "dispatched"], to: "postponed" },
};

/** The state after the event, or null when the event is not allowed in this state. */
export function sessionTransition(status: SessionStatus, event: SessionEvent): SessionStatus | null {
  const t = TRANSITIONS[event];
  return t.from.includes(status) ? t.to : null;
}

/** Whether a session still takes submissions (its agenda is not frozen). */
export function acceptsSubmissions(status: SessionStatus): boolean {
  return status === "planned";
}

/** Whether a session may still be moved (nothing held yet). */
export function mayMove(status: SessionStatus): boolean {
  return status === "planned" || status === "agenda_frozen" || status === "dispatched" || status === "postponed";
}

// ── Placing a submission ─────────────────────────────────────────────────────────────────────────

export interface SessionSeat {
  id: string;
  starts_at: Date;
  submission_deadline: Date;
  status: SessionStatus;
  situations_count: number;
}

export interface Placement {
  session_id: string;
  /** Open sessions passed over because they were full (the submitter is told). */
  full: string[];
}

/**
 * Where a submission made at `now` goes: the first session (by start) whose deadline has not passed,
 * which still takes submissions and has room; full ones are passed over and reported. Null when no
 * session in the list has room.
 */
export function placeSubmission(sessions: readonly SessionSeat[], maxSituations: number, now: Date): Placement | null {
  const full: string[] = [];
  const open = [...sessions].filter((s) => acceptsSubmissions(s.status) && s.submission_deadline.getTime() > now.getTime()).sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
  for (const s of open) {
    if (s.situations_count < maxSituations) return { session_id: s.id, full };
    full.push(s.id);
  }
  return null;
}

// ── iCalendar (RFC 5545) ─────────────────────────────────────────────────────────────────────────

export interface IcsEvent {
  uid: string;
  starts_at: Date;
  duration_minutes: number;
  summary: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
  url?: string | null | undefined;
  status: "CONFIRMED" | "CANCELLED";
  /** Incremented when the event changes (a move). */
  sequence: number;
}

function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

const UTF8 = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  if (UTF8.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = UTF8.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function localStamp(d: Date, timeZone: string): string {
  const iso = isoWithOffset(d, timeZone);
  return iso.slice(0, 19).replace(/[-:]/g, "");
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const iso = isoWithOffset(instant, timeZone);
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The VTIMEZONE of a time zone, from the offsets the runtime's time-zone data gives: one STANDARD
 * component when the zone keeps one offset all year (overseas), else the European rule (last Sunday of
 * March and of October at 01:00 UTC), the only one among the territories' zones.
 */
export function vtimezone(timeZone: string, year: number): string[] {
  const winter = offsetMinutes(new Date(Date.UTC(year, 0, 15)), timeZone);
  const summer = offsetMinutes(new Date(Date.UTC(year, 6, 15)), timeZone);
  const abbr = (m: number) => `UTC${offsetText(m)}`;
  if (winter === summer) {
    return ["BEGIN:VTIMEZONE", `TZID:${timeZone}`, "BEGIN:STANDARD", "DTSTART:19700101T000000", `TZOFFSETFROM:${offsetText(winter)}`, `TZOFFSETTO:${offsetText(winter)}`, `TZNAME:${abbr(winter)}`, "END:STANDARD", "END:VTIMEZONE"];
  }
  // The change happens at 01:00 UTC: DTSTART is that instant in the offset in force before it.
  const local = (day: string, offsetBefore: number) => `${day}T${String(1 + offsetBefore / 60).padStart(2, "0")}0000`;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${timeZone}`,
    "BEGIN:DAYLIGHT",
    `DTSTART:${local("19700329", winter)}`,
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    `TZOFFSETFROM:${offsetText(winter)}`,
    `TZOFFSETTO:${offsetText(summer)}`,
    `TZNAME:${abbr(summer)}`,
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    `DTSTART:${local("19701025", summer)}`,
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    `TZOFFSETFROM:${offsetText(summer)}`,
    `TZOFFSETTO:${offsetText(winter)}`,
    `TZNAME:${abbr(winter)}`,
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
}

/** An iCalendar feed (RFC 5545) of the sessions, local times with the territory's VTIMEZONE. */
export function icsCalendar(name: string, timeZone: string, events: readonly IcsEvent[], now: Date): string {
  const year = events[0]?.starts_at.getUTCFullYear() ?? now.getUTCFullYear();
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//spie//Comites//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(name)}`, `X-WR-TIMEZONE:${timeZone}`, ...vtimezone(timeZone, year)];
  for (const e of events) {
    const end = new Date(e.starts_at.getTime() + e.duration_minutes * 60_000);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=${timeZone}:${localStamp(e.starts_at, timeZone)}`,
      `DTEND;TZID=${timeZone}:${localStamp(end, timeZone)}`,
      `SUMMARY:${icsText(e.summary)}`,
      `STATUS:${e.status}`,
      `SEQUENCE:${e.sequence}`,
    );
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
