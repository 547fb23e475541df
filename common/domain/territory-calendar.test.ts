import { describe, expect, it } from "vitest";
import { calendarZoneOf, easterSunday, publicHolidays, territoryCalendar, todayIn } from "./territory-calendar.ts";

describe("territoryCalendar", () => {
  it("derives the time zone and holidays zone from the départements", () => {
    expect(territoryCalendar(["02"])).toEqual({ zone: "metropole", time_zone: "Europe/Paris", mixed: false });
    expect(territoryCalendar(["976"])).toEqual({ zone: "mayotte", time_zone: "Indian/Mayotte", mixed: false });
    expect(territoryCalendar(["974"]).time_zone).toBe("Indian/Reunion");
    expect(territoryCalendar(["971"]).time_zone).toBe("America/Guadeloupe");
    expect(territoryCalendar(["972"]).time_zone).toBe("America/Martinique");
    expect(territoryCalendar(["973"]).time_zone).toBe("America/Cayenne");
    expect(territoryCalendar(["57", "67", "68"])).toEqual({ zone: "alsace_moselle", time_zone: "Europe/Paris", mixed: false });
    expect(territoryCalendar(["2A", "2B"]).zone).toBe("metropole");
    expect(territoryCalendar([])).toEqual({ zone: "metropole", time_zone: "Europe/Paris", mixed: false });
  });

  it("flags a perimeter mixing calendars and takes its first département's", () => {
    expect(territoryCalendar(["67", "54"])).toEqual({ zone: "metropole", time_zone: "Europe/Paris", mixed: true });
    expect(territoryCalendar(["976", "02"])).toEqual({ zone: "metropole", time_zone: "Europe/Paris", mixed: true });
  });

  it("stops at the neighbours of special départements", () => {
    expect(calendarZoneOf("56")).toBe("metropole");
    expect(calendarZoneOf("58")).toBe("metropole");
    expect(calendarZoneOf("975")).toBe("metropole"); // Saint-Pierre-et-Miquelon: not covered here
    expect(calendarZoneOf("977")).toBe("metropole");
  });
});

describe("publicHolidays", () => {
  it("computes Easter", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25"); // the latest possible date
    expect(easterSunday(2285)).toBe("2285-03-22"); // the earliest possible date
  });

  it("lists the 11 national holidays of 2026 in order", () => {
    const h = publicHolidays(2026, "metropole");
    expect(h).toHaveLength(11);
    expect(h.map((x) => x.date)).toEqual(["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"]);
  });

  it("adds Good Friday and 26 December in Alsace-Moselle", () => {
    const h = publicHolidays(2026, "alsace_moselle");
    expect(h).toHaveLength(13);
    expect(h).toContainEqual({ date: "2026-04-03", name: "Vendredi saint" });
    expect(h.at(-1)).toEqual({ date: "2026-12-26", name: "Saint-Étienne" });
  });

  it("adds the abolition day of each overseas département", () => {
    const abolition = (zone: Parameters<typeof publicHolidays>[1]) => publicHolidays(2026, zone).find((x) => x.name === "Abolition de l'esclavage")?.date;
    expect(abolition("mayotte")).toBe("2026-04-27");
    expect(abolition("martinique")).toBe("2026-05-22");
    expect(abolition("guadeloupe")).toBe("2026-05-27");
    expect(abolition("guyane")).toBe("2026-06-10");
    expect(abolition("reunion")).toBe("2026-12-20");
    expect(abolition("metropole")).toBeUndefined();
  });
});

describe("todayIn", () => {
  it("gives the local date on either side of midnight", () => {
    const lateUtc = new Date("2026-03-01T22:30:00Z");
    expect(todayIn("Europe/Paris", lateUtc)).toBe("2026-03-01"); // 23:30 in Paris
    expect(todayIn("Indian/Reunion", lateUtc)).toBe("2026-03-02"); // 02:30 in La Réunion
    expect(todayIn("America/Cayenne", new Date("2026-03-02T02:00:00Z"))).toBe("2026-03-01"); // 23:00 in Cayenne
  });
});
