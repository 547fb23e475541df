import { describe, expect, it } from "vitest";
import { calendarZoneOf, publicHolidays, territoryCalendar, todayIn } from "./territory-calendar.ts";

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
  it("follows Easter's moving dates", () => {
    expect(publicHolidays(2038, "metropole").find((x) => x.name === "Lundi de Pâques")?.date).toBe("2038-04-26"); // the latest Easter
    expect(publicHolidays(2285, "metropole").find((x) => x.name === "Lundi de Pâques")?.date).toBe("2285-03-23"); // the earliest
    expect(publicHolidays(2026, "metropole").find((x) => x.name === "Ascension")?.date).toBe("2026-05-14");
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
    expect(h.at(-1)?.date).toBe("2026-12-26");
  });

  it("adds Good Friday in Guadeloupe and Martinique, not in the other overseas départements", () => {
    const goodFriday = (zone: Parameters<typeof publicHolidays>[1]) => publicHolidays(2026, zone).some((x) => x.date === "2026-04-03");
    expect(goodFriday("guadeloupe")).toBe(true);
    expect(goodFriday("martinique")).toBe(true);
    expect(goodFriday("guyane")).toBe(false);
    expect(goodFriday("reunion")).toBe(false);
    expect(goodFriday("mayotte")).toBe(false);
    expect(goodFriday("metropole")).toBe(false);
  });

  it("never lists an observance (Mother's Day, Pentecost Sunday) as a day off", () => {
    const dates = publicHolidays(2027, "metropole").map((x) => x.date);
    expect(dates).not.toContain("2027-05-16");
    expect(dates).not.toContain("2027-05-30");
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

  it("keeps one formatter per zone: asked again in turn, each zone keeps its own date", () => {
    const lateUtc = new Date("2026-03-01T22:30:00Z");
    const asked = ["Europe/Paris", "Indian/Reunion", "Europe/Paris", "America/Cayenne", "Indian/Reunion"].map((zone) => todayIn(zone, lateUtc));
    expect(asked).toEqual(["2026-03-01", "2026-03-02", "2026-03-01", "2026-03-01", "2026-03-02"]);
    expect(() => todayIn("Nulle/Part", lateUtc)).toThrow(RangeError);
    expect(() => todayIn("Nulle/Part", lateUtc)).toThrow(RangeError);
  });
});
