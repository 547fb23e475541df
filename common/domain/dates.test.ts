import { describe, expect, it } from "vitest";
import { addDays, addMonths, ageOn, daysBetween, formatDateFr } from "./dates.ts";

describe("dates", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-01-01", 42)).toBe("2026-02-12");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("adds months like the law counts them (last day of a shorter month)", () => {
    expect(addMonths("2026-01-15", 1)).toBe("2026-02-15");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-06-15", -24)).toBe("2024-06-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });

  it("counts days between two dates", () => {
    expect(daysBetween("2026-02-12", "2026-02-12")).toBe(0);
    expect(daysBetween("2026-02-13", "2026-02-12")).toBe(-1);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it("computes ages on birthdays, including 29 February", () => {
    expect(ageOn("1971-06-15", "2026-06-15")).toBe(55);
    expect(ageOn("1971-06-16", "2026-06-15")).toBe(54);
    expect(ageOn("2004-02-29", "2026-02-28")).toBe(22);
    expect(ageOn("2004-02-29", "2026-02-27")).toBe(21);
  });

  it("formats in French", () => {
    expect(formatDateFr("2026-03-05")).toBe("05/03/2026");
    expect(formatDateFr("2026-03-05T10:00:00.000Z")).toBe("05/03/2026");
  });
});
