// A territory's calendar: its time zone and its public holidays, both following from the
// départements of its perimeter. Pure functions, no clock, no I/O. Working days and hours are
// counted from it in working-time.ts.
//
//   départements                  time zone             holidays besides the 11 national ones (Code du travail L3133-1)
//   ────────────────────────────  ────────────────────  ─────────────────────────────────────────────────────────────
//   971 Guadeloupe                America/Guadeloupe    Good Friday; abolition of slavery, 27 May (décret n° 83-1003)
//   972 Martinique                America/Martinique    Good Friday; abolition of slavery, 22 May
//   973 Guyane                    America/Cayenne       abolition of slavery, 10 June
//   974 La Réunion                Indian/Reunion        abolition of slavery, 20 December
//   976 Mayotte                   Indian/Mayotte        abolition of slavery, 27 April
//   57, 67, 68 (Alsace-Moselle)   Europe/Paris          Good Friday, 26 December (Code du travail L3134-13)
//   any other                     Europe/Paris          —
//
// The days themselves come from the maintained library date-holidays (see publicHolidays).
//
// A territory whose départements have different calendars (a rare, odd perimeter) takes the calendar
// of its first département by code, and says so (`mixed`).
import Holidays from "date-holidays";

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

/** Time zone of each calendar zone, and its region in the holiday library (FR + state). */
const ZONES: Record<CalendarZone, { time_zone: string; state: string | null }> = {
  metropole: { time_zone: "Europe/Paris", state: null },
  alsace_moselle: { time_zone: "Europe/Paris", state: "57" },
  guadeloupe: { time_zone: "America/Guadeloupe", state: "GP" },
  martinique: { time_zone: "America/Martinique", state: "MQ" },
  guyane: { time_zone: "America/Cayenne", state: "GF" },
  reunion: { time_zone: "Indian/Reunion", state: "RE" },
  mayotte: { time_zone: "Indian/Mayotte", state: "YT" },
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

const LIBRARY = new Map<CalendarZone, Holidays>();

/**
 * The public holidays of a year in a calendar zone, by date, in French. They come from the
 * maintained library `date-holidays` (only its days of type "public": observances such as
 * Mother's Day are not days off), never from a list kept here.
 */
export function publicHolidays(year: number, zone: CalendarZone): Holiday[] {
  let lib = LIBRARY.get(zone);
  if (!lib) {
    const state = ZONES[zone].state;
    lib = state ? new Holidays("FR", state, { languages: ["fr"], types: ["public"] }) : new Holidays("FR", { languages: ["fr"], types: ["public"] });
    LIBRARY.set(zone, lib);
  }
  const seen = new Set<string>();
  const days: Holiday[] = [];
  for (const h of lib.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (h.type !== "public" || seen.has(date)) continue;
    seen.add(date);
    days.push({ date, name: h.name.replace(/’/g, "'") });
  }
  return days.sort((x, y) => x.date.localeCompare(y.date));
}

// One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it, and
// "today" is asked on every list of people.
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Today's ISO date in a time zone (the territory's "today" for its deadlines). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. An unknown zone throws here, before anything is kept.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}
