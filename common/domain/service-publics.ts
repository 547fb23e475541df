// Which directory services suit a person, by the data·inclusion publics (publics.json): a service
// reserved to a public the person is not part of (the young for a 39-year-old, people with a
// disability for someone without RQTH or AAH) is not proposed. The directory search keeps the
// services having one of the publics given (and every `tous-publics` service), so the person's
// list is every public minus the excluded ones. Publics spie cannot know (femmes, familles, exilés…)
// are never excluded. Pure: `today` is given.
import { ageOn } from "./dates.ts";
import { PUBLICS } from "./directory.ts";

/** Age limits of the data·inclusion "jeunes" (16–25, missions locales) and "seniors" publics. */
export const YOUNG_MAX_AGE = 25;
export const SENIOR_MIN_AGE = 60;

export interface PersonForPublics {
  birth_date: string;
  situation_flags: readonly string[];
}

export interface PersonPublics {
  age: number;
  /** The publics to search with (services of any of them, and `tous-publics`). */
  publics: string[];
  /** The publics left out, with why, in French. */
  excluded: { public: string; reason: string }[];
}

export function publicsForPerson(person: PersonForPublics, today: string): PersonPublics {
  const age = ageOn(person.birth_date, today);
  const excluded: PersonPublics["excluded"] = [];
  if (age > YOUNG_MAX_AGE) excluded.push({ public: "jeunes", reason: `réservés aux jeunes (${age} ans)` });
  if (age < SENIOR_MIN_AGE) excluded.push({ public: "seniors", reason: `réservés aux seniors (${age} ans)` });
  if (!person.situation_flags.some((f) => f === "rqth" || f === "beneficiaire_aah")) {
    excluded.push({ public: "personnes-en-situation-de-handicap", reason: "réservés aux personnes en situation de handicap (ni RQTH ni AAH au dossier)" });
  }
  const out = new Set(excluded.map((e) => e.public));
  return { age, publics: PUBLICS.map((p) => p.value).filter((p) => !out.has(p)), excluded };
}
