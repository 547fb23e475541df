// Dates the committee tests start their recurrences on (through common/domain, never by hand).
import { addDays, todayIso } from "../../common/domain/dates.ts";
import { isoWeekday } from "../../common/domain/working-time.ts";

/** The first Thursday at least a week from today: a fortnightly CTO's first session in the tests. */
export function nextThursday(): string {
  let d = addDays(todayIso(), 7);
  while (isoWeekday(d) !== 4) d = addDays(d, 1);
  return d;
}
