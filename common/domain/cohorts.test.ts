import { describe, expect, it } from "vitest";
import { addDays, ageOn } from "./dates.ts";
import { latestBirthDateForAge } from "./cohorts.ts";

describe("latestBirthDateForAge", () => {
  it("agrees with ageOn on every birth date around the bound, leap days included", () => {
    for (const today of ["2026-02-28", "2028-02-29", "2026-03-01", "2026-12-31", "2026-01-01", "2025-06-15"]) {
      for (const age of [0, 1, 4, 18, 25, 26, 60]) {
        const bound = latestBirthDateForAge(today, age);
        for (let d = -3; d <= 3; d++) {
          const birth = addDays(bound, d);
          expect(ageOn(birth, today) >= age, `${today} ${age} ${birth}`).toBe(birth <= bound);
        }
      }
    }
  });
  it("a person born on 29 February 2008 is 18 on 28 February 2026", () => {
    expect(latestBirthDateForAge("2026-02-28", 18)).toBe("2008-02-29");
    expect(latestBirthDateForAge("2026-03-01", 18)).toBe("2008-03-01");
  });
});
