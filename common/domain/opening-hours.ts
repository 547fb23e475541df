// Opening hours in plain French. data·inclusion's `horaires_accueil` is an OpenStreetMap
// opening_hours string ("Mo-Fr 09:00-12:00,14:00-17:00; PH off"); the common forms are written
// out ("Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h ; fermé les jours fériés"), any
// other form (months, weeks, comments, free text) is shown as given, never guessed.

const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
type Day = (typeof DAYS)[number];
const DAY_NAMES: Record<Day, string> = { Mo: "lundi", Tu: "mardi", We: "mercredi", Th: "jeudi", Fr: "vendredi", Sa: "samedi", Su: "dimanche" };
const HOLIDAYS = "PH";

/** "le lundi, le mercredi et le vendredi" — a French list. */
function frenchList(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} et ${parts[parts.length - 1]}`;
}

const isDay = (s: string): s is Day => (DAYS as readonly string[]).includes(s);

/** "Mo-Fr,Sa,PH" → its parts in French, or null if not understood. */
function daysText(selector: string): string | null {
  const parts: string[] = [];
  for (const item of selector.split(",")) {
    if (item === HOLIDAYS) {
      parts.push("les jours fériés");
      continue;
    }
    const range = /^([A-Z][a-z])-([A-Z][a-z])$/.exec(item);
    if (range) {
      const [, from, to] = range;
      if (!isDay(from!) || !isDay(to!) || from === to) return null;
      parts.push(from === "Mo" && to === "Su" ? "tous les jours" : `du ${DAY_NAMES[from]} au ${DAY_NAMES[to]}`);
      continue;
    }
    if (!isDay(item)) return null;
    parts.push(`le ${DAY_NAMES[item]}`);
  }
  return parts.length ? frenchList(parts) : null;
}

/** "08:30" → "8 h 30", "24:00" → "minuit"; null if not a time. */
function timeText(time: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  if (hours === 24) return "minuit";
  return minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, "0")}`;
}

/** "09:00-12:00,14:00-17:00" → "de 9 h à 12 h et de 14 h à 17 h", or null. */
function timesText(selector: string): string | null {
  const spans: string[] = [];
  for (const span of selector.split(",")) {
    const [from, to, ...rest] = span.split("-");
    if (from === undefined || to === undefined || rest.length) return null;
    const a = timeText(from);
    const b = timeText(to);
    if (!a || !b || a === "minuit") return null;
    spans.push(`de ${a} à ${b}`);
  }
  return spans.length ? frenchList(spans) : null;
}

/** One rule ("Mo-Fr 09:00-12:00", "PH off", "Sa"), or null if not understood. */
function ruleText(rule: string): string | null {
  if (rule === "24/7") return "ouvert 24 h sur 24, 7 jours sur 7";
  const words = rule.split(" ");
  if (words.length > 2) return null;
  const [first, second] = words as [string, string | undefined];
  const firstIsDays = /^[A-Z]/.test(first);
  const days = firstIsDays ? daysText(first) : "tous les jours";
  if (!days) return null;
  const when = firstIsDays ? second : first;
  if (firstIsDays && second === undefined) return `ouvert ${days}`;
  if (!firstIsDays && second !== undefined) return null;
  if (when === "off" || when === "closed") return `fermé ${days}`;
  const times = timesText(when!);
  return times ? `${days}, ${times}` : null;
}

/**
 * An OSM opening_hours string in plain French; the string itself (trimmed) when its form is not
 * one of the common ones understood here.
 */
export function openingHoursFr(raw: string): string {
  const text = raw.trim().replace(/\s+/g, " ");
  const rules = text
    .split(";")
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  if (rules.length === 0) return raw.trim();
  const parts: string[] = [];
  for (const rule of rules) {
    const part = ruleText(rule);
    if (part === null) return raw.trim();
    parts.push(part);
  }
  const sentence = parts.join(" ; ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
