// A territory's calendar: its time zone and its public holidays, both following from the
// départements of its perimeter. Pure functions, no clock, no I/O. (The referrals will add working
// hours here.)
//
//   départements                  time zone             holidays besides the 11 national ones (Code du travail L3133-1)
//   ────────────────────────────  ────────────────────  ─────────────────────────────────────────────────────────────
//   971 Guadeloupe                America/Guadeloupe    abolition of slavery, 27 May (décret n° 83-1003)
//   972 Martinique                America/Martinique    abolition of slavery, 22 May
//   973 Guyane                    America/Cayenne       abolition of slavery, 10 June
//   974 La Réunion                Indian/Reunion        abolition of slavery, 20 December
//   976 Mayotte                   Indian/Mayotte        abolition of slavery, 27 April
//   57, 67, 68 (Alsace-Moselle)   Europe/Paris          Good Friday, 26 December (Code du travail L3134-13)
//   any other                     Europe/Paris          —
//
// A territory whose départements have different calendars (a rare, odd perimeter) takes the calendar
// of its first département by code, and says so (`mixed`).
import { addDays } from "./dates.ts";

export const CALENDAR_ZONES = ["metropole", "alsace_moselle", "guadeloupe", "martinique", "guyane", "reunion", "mayotte"] as const;
export type CalendarZone = (typeof CALENDAR_ZONES)[number];

export const CALENDAR_ZONE_LABELS: Record<CalendarZone, string> = {
  metropole: "France métropolitaine",
  alsace_moselle: "Alsace-Moselle",
  guadeloupe: "Guadeloupe",
  martinique: "Martinique",
  guyane: "Guyane",
  reunion: "La Réunion",
  mayotte: "Mayotte",
};

const ZONES: Record<CalendarZone, { time_zone: string; extra: (year: number, easter: string) => Holiday[] }> = {
  metropole: { time_zone: "Europe/Paris", extra: () => [] },
  alsace_moselle: {
    time_zone: "Europe/Paris",
    extra: (year, easter) => [
      { date: addDays(easter, -2), name: "Vendredi saint" },
      { date: `${year}-12-26`, name: "Saint-Étienne" },
    ],
  },
  guadeloupe: { time_zone: "America/Guadeloupe", extra: (year) => [{ date: `${year}-05-27`, name: "Abolition de l'esclavage" }] },
  martinique: { time_zone: "America/Martinique", extra: (year) => [{ date: `${year}-05-22`, name: "Abolition de l'esclavage" }] },
  guyane: { time_zone: "America/Cayenne", extra: (year) => [{ date: `${year}-06-10`, name: "Abolition de l'esclavage" }] },
  reunion: { time_zone: "Indian/Reunion", extra: (year) => [{ date: `${year}-12-20`, name: "Abolition de l'esclavage" }] },
  mayotte: { time_zone: "Indian/Mayotte", extra: (year) => [{ date: `${year}-04-27`, name: "Abolition de l'esclavage" }] },
};

const BY_DEPARTEMENT: Record<string, CalendarZone> = {
  "57": "alsace_moselle",
  "67": "alsace_moselle",
  "68": "alsace_moselle",
  "971": "guadeloupe",
  "972": "martinique",
  "973": "guyane",
  "974": "reunion",
  "976": "mayotte",
};

export interface Holiday {
  date: string;
  name: string;
}

export interface TerritoryCalendar {
  zone: CalendarZone;
  time_zone: string;
  /** The départements do not share one calendar: the first one's applies. */
  mixed: boolean;
}

export function calendarZoneOf(departement: string): CalendarZone {
  return BY_DEPARTEMENT[departement.trim().toUpperCase()] ?? "metropole";
}

/** The calendar of a territory made of these départements (metropolitan France when none). */
export function territoryCalendar(departements: readonly string[]): TerritoryCalendar {
  const zones = [...new Set([...departements].sort().map(calendarZoneOf))];
  const zone = zones[0] ?? "metropole";
  return { zone, time_zone: ZONES[zone].time_zone, mixed: zones.length > 1 };
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The public holidays of a year in a calendar zone, by date. */
export function publicHolidays(year: number, zone: CalendarZone): Holiday[] {
  const easter = easterSunday(year);
  const national: Holiday[] = [
    { date: `${year}-01-01`, name: "Jour de l'an" },
    { date: addDays(easter, 1), name: "Lundi de Pâques" },
    { date: `${year}-05-01`, name: "Fête du Travail" },
    { date: `${year}-05-08`, name: "Victoire 1945" },
    { date: addDays(easter, 39), name: "Ascension" },
    { date: addDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: `${year}-07-14`, name: "Fête nationale" },
    { date: `${year}-08-15`, name: "Assomption" },
    { date: `${year}-11-01`, name: "Toussaint" },
    { date: `${year}-11-11`, name: "Armistice 1918" },
    { date: `${year}-12-25`, name: "Noël" },
  ];
  return [...national, ...ZONES[zone].extra(year, easter)].sort((x, y) => x.date.localeCompare(y.date));
}

/** Today's ISO date in a time zone (the territory's "today" for its deadlines). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
