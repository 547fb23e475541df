/** Lower case, accents and punctuation removed, spaces collapsed: the key used to compare names. */
export function normalizeName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’'\-‐–—_.,]/g, " ")
    .replace(/[^a-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a text cannot be stored, or undefined when it can: PostgreSQL refuses the NUL character in
 * text and lone UTF-16 surrogates in JSON, so both are refused at the edge with a field error.
 */
export function unstorableText(value: string): string | undefined {
  if (value.includes("\u0000")) return "Caractère interdit : le caractère nul (\\u0000) n'est pas accepté";
  if (LONE_SURROGATE.test(value)) return "Texte mal encodé : caractère Unicode incomplet (demi-paire de substitution)";
  return undefined;
}

/** An http(s) address: what a link may point to (never `javascript:` nor `data:`, which run in the page). */
export function isWebUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
