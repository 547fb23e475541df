// Working time on a territory: working days (Monday to Friday, not a public holiday of the
// territory's calendar zone) and wall-clock times in the territory's time zone. Pure functions, no
// clock, no I/O: the referrals' 72-hour answer and the committees' calendar both count here.
//
// Conventions
// - A date is an ISO "YYYY-MM-DD" read in the territory's time zone; a time is "HH:MM" local.
// - Working hours are counted in whole working days of wall-clock time: 72 working hours = three
//   working days. Sent on Friday 15:00, a referral is due on Wednesday 15:00. Sent on a Saturday or a
//   holiday, the clock starts at 00:00 of the next working day (due three working days later at 00:00).
//   Wall-clock counting keeps a due time at the same local hour across a summer-time change.
// - A local time that does not exist (the hour skipped in spring) is moved forward by the gap's
//   length (02:30 → 03:30); a local time that exists twice
//   (autumn) as its first occurrence.
import { addDays } from "./dates.ts";
import { publicHolidays, type CalendarZone, type Holiday } from "./territory-calendar.ts";

const HOLIDAYS = new Map<string, Map<string, string>>();

function holidaysOf(year: number, zone: CalendarZone): Map<string, string> {
  const key = `${zone}:${year}`;
  let map = HOLIDAYS.get(key);
  if (!map) {
    map = new Map(publicHolidays(year, zone).map((h) => [h.date, h.name]));
    HOLIDAYS.set(key, map);
  }
  return map;
}

/** The public holiday on this date in the zone, if any. */
export function holidayOn(date: string, zone: CalendarZone): Holiday | undefined {
  const name = holidaysOf(Number(date.slice(0, 4)), zone).get(date.slice(0, 10));
  return name === undefined ? undefined : { date: date.slice(0, 10), name };
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(date: string, zone: CalendarZone): boolean {
  return isoWeekday(date) <= 5 && holidayOn(date, zone) === undefined;
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(date: string, zone: CalendarZone): string {
  let d = date.slice(0, 10);
  while (!isWorkingDay(d, zone)) d = addDays(d, 1);
  return d;
}

/** The date itself when it is a working day, else the previous working day. */
export function previousWorkingDay(date: string, zone: CalendarZone): string {
  let d = date.slice(0, 10);
  while (!isWorkingDay(d, zone)) d = addDays(d, -1);
  return d;
}

/**
 * `n` working days after (or before, when negative) `date`. From a non-working day, counting starts
 * at the next (previous) working day: Saturday + 1 = Tuesday, as Monday is the first working day.
 */
export function addWorkingDays(date: string, n: number, zone: CalendarZone): string {
  const step = n < 0 ? -1 : 1;
  let d = step > 0 ? nextWorkingDay(date, zone) : previousWorkingDay(date, zone);
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkingDay(d, zone)) left -= 1;
  }
  return d;
}

/** Working days in the half-open range [from, to). */
export function workingDaysBetween(from: string, to: string, zone: CalendarZone): number {
  let count = 0;
  for (let d = from.slice(0, 10); d < to.slice(0, 10); d = addDays(d, 1)) if (isWorkingDay(d, zone)) count += 1;
  return count;
}

// ── Wall-clock time in a time zone ───────────────────────────────────────────────────────────────

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    FORMATTERS.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM:SS" */
  time: string;
  /** Offset from UTC in minutes (+120 in Paris in summer, +180 in Mayotte, −180 in Cayenne). */
  offset_minutes: number;
}

/** The wall-clock date, time and UTC offset of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset_minutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  return { date, time, offset_minutes };
}

function offsetAt(ms: number, timeZone: string): number {
  return localTime(new Date(ms), timeZone).offset_minutes;
}

/** The instant of a local date and time ("HH:MM" or "HH:MM:SS") in a time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [h, mi, s] = time.split(":").map(Number) as [number, number, number | undefined];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s ?? 0);
  // Two passes find the offset in force at that wall time; in a gap the second pass lands after it.
  const first = wall - offsetAt(wall, timeZone) * 60_000;
  const second = wall - offsetAt(first, timeZone) * 60_000;
  if (localTime(new Date(second), timeZone).time.slice(0, 5) === time.slice(0, 5)) {
    // In an overlap, prefer the earlier of the two instants showing this wall time.
    const earlier = second - 3_600_000;
    const e = localTime(new Date(earlier), timeZone);
    return e.date === date.slice(0, 10) && e.time.slice(0, 5) === time.slice(0, 5) ? new Date(earlier) : new Date(second);
  }
  // The wall time does not exist (spring gap): moved forward by the length of the gap.
  return new Date(Math.max(first, second));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** ISO 8601 with the zone's offset at that instant: "2026-05-14T08:30:00+02:00". */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const { date, time, offset_minutes } = localTime(instant, timeZone);
  const sign = offset_minutes < 0 ? "-" : "+";
  const abs = Math.abs(offset_minutes);
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export interface WorkingCalendar {
  zone: CalendarZone;
  time_zone: string;
}

/**
 * The instant `hours` working hours after `from` on this calendar (see the conventions above):
 * whole working days of wall-clock time, weekends and the zone's public holidays skipped.
 */
export function addWorkingHours(from: Date, hours: number, calendar: WorkingCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError("hours must be a finite, non-negative number");
  const local = localTime(from, calendar.time_zone);
  let date = local.date;
  let [h, m, s] = local.time.split(":").map(Number) as [number, number, number];
  if (!isWorkingDay(date, calendar.zone)) {
    date = nextWorkingDay(date, calendar.zone);
    h = m = s = 0;
  }
  const totalMinutes = Math.round(hours * 60);
  const days = Math.floor(totalMinutes / 1440);
  let minuteOfDay = h * 60 + m + (totalMinutes % 1440);
  date = addWorkingDays(date, days, calendar.zone);
  if (minuteOfDay >= 1440) {
    minuteOfDay -= 1440;
    date = addWorkingDays(date, 1, calendar.zone);
  }
  return zonedInstant(date, `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:${pad(s)}`, calendar.time_zone);
}

/** Working hours elapsed from `from` to `to` (0 when `to` is earlier), same conventions. */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  const startOf = (instant: Date): { date: string; minutes: number } => {
    const l = localTime(instant, calendar.time_zone);
    if (!isWorkingDay(l.date, calendar.zone)) return { date: nextWorkingDay(l.date, calendar.zone), minutes: 0 };
    const [h, m] = l.time.split(":").map(Number) as [number, number];
    return { date: l.date, minutes: h * 60 + m };
  };
  const a = startOf(from);
  const b = startOf(to);
  const minutes = workingDaysBetween(a.date, b.date, calendar.zone) * 1440 + b.minutes - a.minutes;
  return Math.max(0, minutes / 60);
}
