// Dates as French users read them. Date-only values ("1985-03-12") are formatted without any
// time-zone shift.

const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
const longDateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });

function parseDateOnly(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** "12/03/1985" */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = parseDateOnly(value);
  return date ? dateFormat.format(date) : value;
}

/** "12 mars 1985" */
export function formatLongDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = parseDateOnly(value);
  return date ? longDateFormat.format(date) : value;
}

const localDateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short" });

/** "12/03/2026": the local day of an instant (lists, where room is short). */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : localDateFormat.format(date);
}

/** "12 mars 2026 à 14:05" */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function personDisplayName(person: { first_names: string; last_name: string }): string {
  return `${person.first_names} ${person.last_name.toUpperCase()}`;
}

export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count.toLocaleString("fr-FR")} ${count > 1 ? pluralForm : singular}`;
}
