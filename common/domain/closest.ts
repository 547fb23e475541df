// "Did you mean…?" suggestions for values typed by people or read from imported files, against a
// closed referential (structure types, thematics, publics…). Pure functions, shared by server and web.
import { normalizeName } from "./text.ts";

/**
 * Levenshtein edit distance (insertions, deletions, substitutions), computed with two rows.
 * With `max`, stops as soon as the distance is known to exceed it and returns `max + 1`.
 */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      const value = Math.min(substitution, deletion, insertion);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

export interface ClosestOptions {
  /**
   * Largest edit distance (between normalized strings) still worth suggesting. Default: a third of
   * the query's length, at least 1, at most 4 — beyond that a suggestion is more confusing than helpful.
   */
  maxDistance?: number;
}

function defaultMaxDistance(normalizedQuery: string): number {
  return Math.min(4, Math.max(1, Math.floor(normalizedQuery.length / 3)));
}

/**
 * The item whose keys (e.g. its code and its label) are closest to `query`, or undefined when none is
 * close enough. Comparison is on `normalizeName` forms (case, accents, hyphens and apostrophes
 * ignored). An exact normalized match wins; then a query of 3+ characters that is a whole word or
 * the beginning of a key (e.g. "ccas" for "ccas-cias", "mission" for "mission-locale") counts as
 * distance 1; otherwise the Levenshtein distance. Ties keep the order of `items`.
 */
export function closestMatch<T>(
  query: string,
  items: Iterable<T>,
  keysOf: (item: T) => readonly string[],
  options: ClosestOptions = {},
): T | undefined {
  const q = normalizeName(query);
  if (q.length === 0) return undefined;
  const max = options.maxDistance ?? defaultMaxDistance(q);
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const item of items) {
    for (const rawKey of keysOf(item)) {
      const key = normalizeName(rawKey);
      if (key.length === 0) continue;
      let score: number;
      if (key === q) score = 0;
      else if (q.length >= 3 && (key.startsWith(q) || key.split(" ").includes(q))) score = 1;
      else score = levenshtein(q, key, Math.min(max, bestScore));
      if (score < bestScore && score <= max) {
        best = item;
        bestScore = score;
        if (score === 0) return best;
      }
    }
  }
  return best;
}

/** `closestMatch` over plain strings: the candidate closest to `query`, or undefined. */
export function closestString(query: string, candidates: readonly string[], options: ClosestOptions = {}): string | undefined {
  return closestMatch(query, candidates, (c) => [c], options);
}
