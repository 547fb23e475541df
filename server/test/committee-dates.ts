// What the committee tests create: a fortnightly CTO starting on a date computed through
// common/domain (never by hand).
import { addDays, todayIso } from "../../common/domain/dates.ts";
import { isoWeekday } from "../../common/domain/working-time.ts";

/** The first Thursday at least a week from today: a fortnightly CTO's first session in the tests. */
export function nextThursday(): string {
  let d = addDays(todayIso(), 7);
  while (isoWeekday(d) !== 4) d = addDays(d, 1);
  return d;
}

/** The body of `POST /committees` for a fortnightly CTO of the territory (Thursdays 08:30, deadline Monday 14:00, 10 situations). */
export function cto(territory_id: string, members: unknown[] = [], extra: Record<string, unknown> = {}) {
  return {
    name: "CTO fictif de Laon",
    kind: "cto",
    territory_id,
    location: "Laon, salle fictive",
    recurrence: { first_date: nextThursday(), time: "08:30", interval_weeks: 2 },
    submission_deadline: { weekday: "monday", time: "14:00" },
    max_situations: 10,
    members,
    ...extra,
  };
}
