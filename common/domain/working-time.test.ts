import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  addWorkingHours,
  holidayOn,
  isoWithOffset,
  isWorkingDay,
  localTime,
  nextWorkingDay,
  workingDaysBetween,
  workingHoursBetween,
  zonedInstant,
  type WorkingCalendar,
} from "./working-time.ts";

const PARIS: WorkingCalendar = { zone: "metropole", time_zone: "Europe/Paris" };
const ALSACE: WorkingCalendar = { zone: "alsace_moselle", time_zone: "Europe/Paris" };
const MAYOTTE: WorkingCalendar = { zone: "mayotte", time_zone: "Indian/Mayotte" };
const REUNION: WorkingCalendar = { zone: "reunion", time_zone: "Indian/Reunion" };
const GUYANE: WorkingCalendar = { zone: "guyane", time_zone: "America/Cayenne" };

/** 72 working hours after a local time, as ISO with the calendar's offset. */
const due72 = (date: string, time: string, cal: WorkingCalendar) => isoWithOffset(addWorkingHours(zonedInstant(date, time, cal.time_zone), 72, cal), cal.time_zone);

describe("working days", () => {
  it("skips weekends and the zone's holidays", () => {
    expect(isWorkingDay("2026-11-27", "metropole")).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28", "metropole")).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", "metropole")).toBe(false); // Sunday
    expect(isWorkingDay("2026-05-14", "metropole")).toBe(false); // Ascension
    expect(isWorkingDay("2026-04-03", "metropole")).toBe(true); // Good Friday, a working day…
    expect(isWorkingDay("2026-04-03", "alsace_moselle")).toBe(false); // …but not in Alsace-Moselle
    expect(holidayOn("2026-04-27", "mayotte")?.name).toBe("Abolition de l'esclavage");
    expect(holidayOn("2026-04-27", "metropole")).toBeUndefined();
  });

  it("counts working days forwards and backwards", () => {
    expect(nextWorkingDay("2026-11-28", "metropole")).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-27", 1, "metropole")).toBe("2026-11-30"); // Friday + 1 = Monday
    expect(addWorkingDays("2026-11-28", 1, "metropole")).toBe("2026-12-01"); // Saturday + 1 = Tuesday
    expect(addWorkingDays("2026-11-30", -1, "metropole")).toBe("2026-11-27");
    expect(addWorkingDays("2026-05-13", 1, "metropole")).toBe("2026-05-15"); // over Ascension
    expect(addWorkingDays("2026-11-27", 0, "metropole")).toBe("2026-11-27");
    expect(workingDaysBetween("2026-11-23", "2026-11-30", "metropole")).toBe(5);
    expect(workingDaysBetween("2026-05-11", "2026-05-18", "metropole")).toBe(4);
  });
});

describe("72 working hours (the referral's answer)", () => {
  it("crosses a weekend: Friday 15:00 → Wednesday 15:00", () => {
    expect(due72("2026-11-27", "15:00", PARIS)).toBe("2026-12-02T15:00:00+01:00");
  });

  it("skips a national holiday (Ascension, Thursday 14 May 2026)", () => {
    expect(due72("2026-05-13", "10:00", PARIS)).toBe("2026-05-19T10:00:00+02:00");
  });

  it("skips Good Friday and Easter Monday in Alsace-Moselle, only Easter Monday elsewhere", () => {
    expect(due72("2026-04-01", "09:00", ALSACE)).toBe("2026-04-08T09:00:00+02:00");
    expect(due72("2026-04-01", "09:00", PARIS)).toBe("2026-04-07T09:00:00+02:00");
  });

  it("skips an overseas holiday in the overseas time zone", () => {
    // Mayotte, 27 April (Monday in 2026); UTC+3.
    expect(due72("2026-04-24", "14:00", MAYOTTE)).toBe("2026-04-30T14:00:00+03:00");
    expect(due72("2026-04-24", "14:00", PARIS)).toBe("2026-04-29T14:00:00+02:00");
    // La Réunion, 20 December (Monday in 2027); UTC+4.
    expect(due72("2027-12-17", "11:00", REUNION)).toBe("2027-12-23T11:00:00+04:00");
    // Guyane, UTC−3, 10 June (Wednesday in 2026).
    expect(due72("2026-06-09", "16:30", GUYANE)).toBe("2026-06-15T16:30:00-03:00");
  });

  it("starts the clock at the next working day when sent on a weekend or a holiday", () => {
    expect(due72("2026-11-28", "10:00", PARIS)).toBe("2026-12-03T00:00:00+01:00");
    expect(due72("2026-05-14", "10:00", PARIS)).toBe("2026-05-20T00:00:00+02:00");
  });

  it("keeps the local hour across the summer-time change", () => {
    // Summer time starts on Sunday 29 March 2026 in Paris.
    expect(due72("2026-03-27", "10:00", PARIS)).toBe("2026-04-01T10:00:00+02:00");
    // Winter time on Sunday 25 October 2026.
    expect(due72("2026-10-23", "10:00", PARIS)).toBe("2026-10-28T10:00:00+01:00");
  });

  it("counts working hours back between two instants", () => {
    const sent = zonedInstant("2026-11-27", "15:00", PARIS.time_zone);
    expect(workingHoursBetween(sent, addWorkingHours(sent, 72, PARIS), PARIS)).toBe(72);
    expect(workingHoursBetween(sent, zonedInstant("2026-11-30", "09:00", PARIS.time_zone), PARIS)).toBe(18);
    expect(workingHoursBetween(sent, new Date(sent.getTime() - 1000), PARIS)).toBe(0);
    expect(() => addWorkingHours(sent, -1, PARIS)).toThrow(RangeError);
  });
});

describe("wall-clock time in a time zone", () => {
  it("reads and writes local times with the zone's offset", () => {
    expect(isoWithOffset(new Date("2026-07-01T06:30:00Z"), "Europe/Paris")).toBe("2026-07-01T08:30:00+02:00");
    expect(isoWithOffset(new Date("2026-07-01T06:30:00Z"), "America/Cayenne")).toBe("2026-07-01T03:30:00-03:00");
    expect(localTime(new Date("2026-03-01T22:30:00Z"), "Indian/Reunion")).toEqual({ date: "2026-03-02", time: "02:30:00", offset_minutes: 240 });
    expect(zonedInstant("2026-12-03", "08:30", "Europe/Paris").toISOString()).toBe("2026-12-03T07:30:00.000Z");
  });

  it("moves a time skipped in spring forward, and takes the first of a time lived twice in autumn", () => {
    expect(zonedInstant("2026-03-29", "02:30", "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(zonedInstant("2026-10-25", "02:30", "Europe/Paris").toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
  });
});
