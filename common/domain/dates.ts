// Calendar arithmetic on ISO dates ("YYYY-MM-DD"), in UTC, with no time of day: what the deadline
// and orientation rules need, as pure functions.

const MS_PER_DAY = 86_400_000;

function parse(date: string): Date {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today's ISO date in UTC (callers pass "today" to the pure rules, which never read the clock). */
export function todayIso(now: Date = new Date()): string {
  return format(now);
}

export function addDays(date: string, days: number): string {
  return format(new Date(parse(date).getTime() + days * MS_PER_DAY));
}

/**
 * Adds calendar months the way French law counts a delay in months (code de procédure civile,
 * art. 641): the same day number `months` later, or the last day of that month when it has no such
 * day (31 January + 1 month = 28 or 29 February). Negative months go back.
 */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay))));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / MS_PER_DAY);
}

/** Age in whole years on `today` (a birthday on 29 February is reached on 28 February). */
export function ageOn(birthDate: string, today: string): number {
  const b = parse(birthDate);
  const t = parse(today);
  let age = t.getUTCFullYear() - b.getUTCFullYear();
  const birthdayThisYear = addMonths(birthDate, age * 12);
  if (birthdayThisYear > today) age -= 1;
  return age;
}

/** "12/03/2025". */
export function formatDateFr(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}
