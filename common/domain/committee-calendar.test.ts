import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  deadlineLocal,
  icsCalendar,
  instantsIso,
  placeSubmission,
  plannedSessions,
  recurrenceDates,
  sessionTransition,
  type Calendar,
  type CommitteeCalendarRules,
  type SessionSeat,
} from "./committee-calendar.ts";

const PARIS: Calendar = { zone: "metropole", time_zone: "Europe/Paris" };
const MAYOTTE: Calendar = { zone: "mayotte", time_zone: "Indian/Mayotte" };
const GUYANE: Calendar = { zone: "guyane", time_zone: "America/Cayenne" };

/** The Aisne's CTO: every two weeks on Thursday at 08:30, submissions until Monday 14:00. */
const CTO: CommitteeCalendarRules = {
  recurrence: { first_date: "2026-04-30", time: "08:30", interval_weeks: 2 },
  submission_deadline: { weekday: "monday", time: "14:00" },
};

const iso = (rules: CommitteeCalendarRules, cal: Calendar, from: string, to: string) => plannedSessions(rules, cal, from, to).map((s) => ({ ...instantsIso(s, cal.time_zone), moved_from: s.moved_from }));

describe("recurrence", () => {
  it("every N weeks from the first date, up to `until` inclusive", () => {
    const dates = recurrenceDates({ first_date: "2026-01-08", time: "08:30", interval_weeks: 2, until: "2026-02-19" }, "metropole", "2026-01-01", "2026-12-31");
    expect(dates.map((d) => d.date)).toEqual(["2026-01-08", "2026-01-22", "2026-02-05", "2026-02-19"]);
    // A window keeps the cadence of the first date (a committee that has been meeting for a while).
    expect(recurrenceDates({ first_date: "2026-01-08", time: "08:30", interval_weeks: 2 }, "metropole", "2026-02-01", "2026-02-28").map((d) => d.date)).toEqual(["2026-02-05", "2026-02-19"]);
  });

  it("a session on Ascension Thursday moves a week later and the cadence continues from it", () => {
    const sessions = iso(CTO, PARIS, "2026-04-01", "2026-06-30");
    expect(sessions.map((s) => [s.starts_at, s.moved_from])).toEqual([
      ["2026-04-30T08:30:00+02:00", null],
      ["2026-05-21T08:30:00+02:00", "2026-05-14"], // Ascension, 14 May 2026
      ["2026-06-04T08:30:00+02:00", null], // two weeks after the moved session, not after 14 May
      ["2026-06-18T08:30:00+02:00", null],
    ]);
    expect(recurrenceDates(CTO.recurrence, "metropole", "2026-05-01", "2026-05-31")[0]!.moved_reason).toBe("Ascension");
  });

  it("moves again when a week later is a holiday too (weekly on Fridays: 25 December, 1 January)", () => {
    const dates = recurrenceDates({ first_date: "2026-12-18", time: "10:00", interval_weeks: 1 }, "metropole", "2026-12-01", "2027-01-15");
    expect(dates.map((d) => [d.date, d.moved_from])).toEqual([
      ["2026-12-18", null],
      ["2027-01-08", "2026-12-25"],
      ["2027-01-15", null],
    ]);
  });
});

describe("submission deadline, freeze and dispatch", () => {
  it("Monday 14:00 in the session's week; freeze 3 working days before at 18:00, dispatch 2 before at 09:00", () => {
    const [s] = iso(CTO, PARIS, "2026-04-30", "2026-04-30");
    expect(s).toEqual({
      starts_at: "2026-04-30T08:30:00+02:00",
      submission_deadline: "2026-04-27T14:00:00+02:00",
      agenda_frozen_at: "2026-04-27T18:00:00+02:00",
      dispatched_at: "2026-04-28T09:00:00+02:00",
      moved_from: null,
    });
  });

  it("a deadline on Easter Monday moves to Tuesday", () => {
    const [s] = iso({ ...CTO, recurrence: { first_date: "2026-04-09", time: "08:30", interval_weeks: 2 } }, PARIS, "2026-04-01", "2026-04-10");
    expect(s!.submission_deadline).toBe("2026-04-07T14:00:00+02:00"); // Easter Monday is 6 April 2026
    // The freeze counts working days: Thursday − 3 working days skips Easter Monday (Friday 3 April)
    // but is never before the deadline.
    expect(s!.agenda_frozen_at).toBe("2026-04-07T14:00:00+02:00");
    expect(s!.dispatched_at).toBe("2026-04-07T14:00:00+02:00");
  });

  it("`days_before` counts calendar days, then the next working day; a weekday after the session's day is the week before", () => {
    expect(deadlineLocal("2026-05-21", { days_before: 7, time: "12:00" }, "metropole")).toEqual({ date: "2026-05-15", time: "12:00" }); // 14 May Ascension → Friday
    expect(deadlineLocal("2026-04-28", { weekday: "friday", time: "17:00" }, "metropole")).toEqual({ date: "2026-04-24", time: "17:00" }); // Tuesday session, previous Friday
    expect(deadlineLocal("2026-04-30", { weekday: "thursday", time: "17:00" }, "metropole")).toEqual({ date: "2026-04-23", time: "17:00" }); // same weekday: the week before
  });

  it("keeps the local time across the summer-time change (offset +01:00 then +02:00)", () => {
    const rules: CommitteeCalendarRules = { recurrence: { first_date: "2026-03-19", time: "08:30", interval_weeks: 1 }, submission_deadline: { weekday: "monday", time: "14:00" } };
    const sessions = iso(rules, PARIS, "2026-03-19", "2026-04-02");
    expect(sessions.map((s) => s.starts_at)).toEqual(["2026-03-19T08:30:00+01:00", "2026-03-26T08:30:00+01:00", "2026-04-02T08:30:00+02:00"]);
    expect(sessions[2]!.submission_deadline).toBe("2026-03-30T14:00:00+02:00");
    // A freeze falling on the autumn change day's week keeps 18:00 local.
    const autumn = iso({ ...rules, recurrence: { first_date: "2026-10-29", time: "08:30", interval_weeks: 1 } }, PARIS, "2026-10-29", "2026-10-29")[0]!;
    expect(autumn.starts_at).toBe("2026-10-29T08:30:00+01:00");
    expect(autumn.submission_deadline).toBe("2026-10-26T14:00:00+01:00");
  });

  it("an overseas territory: Mayotte's own holiday, its time zone (+03:00), no summer time", () => {
    const rules: CommitteeCalendarRules = { recurrence: { first_date: "2026-04-13", time: "09:00", interval_weeks: 2 }, submission_deadline: { days_before: 3, time: "12:00" } };
    const sessions = iso(rules, MAYOTTE, "2026-04-01", "2026-05-31");
    expect(sessions.map((s) => [s.starts_at, s.moved_from])).toEqual([
      ["2026-04-13T09:00:00+03:00", null],
      ["2026-05-04T09:00:00+03:00", "2026-04-27"], // abolition of slavery in Mayotte, 27 April
      ["2026-05-18T09:00:00+03:00", null],
    ]);
    // The same rule in metropolitan France keeps 27 April.
    expect(recurrenceDates(rules.recurrence, "metropole", "2026-04-20", "2026-04-30").map((d) => d.date)).toEqual(["2026-04-27"]);
    // Guyane: −03:00; 10 June is its holiday.
    const g = iso({ ...rules, recurrence: { first_date: "2026-06-10", time: "09:00", interval_weeks: 4 } }, GUYANE, "2026-06-01", "2026-06-30");
    expect(g.map((s) => [s.starts_at, s.moved_from])).toEqual([["2026-06-17T09:00:00-03:00", "2026-06-10"]]);
  });
});

describe("placing a submission", () => {
  const session = (id: string, day: number, count: number, status: SessionSeat["status"] = "planned"): SessionSeat => ({
    id,
    starts_at: new Date(Date.UTC(2026, 4, day, 6, 30)),
    submission_deadline: new Date(Date.UTC(2026, 4, day - 3, 12)),
    status,
    situations_count: count,
  });

  it("the 10-situation carry-over: the eleventh goes to the next session and the full one is reported", () => {
    const now = new Date(Date.UTC(2026, 4, 1));
    const sessions = [session("b", 21, 0), session("a", 7, 0)];
    let counts = { a: 0, b: 0 };
    const placed: string[] = [];
    const reported: string[][] = [];
    for (let i = 0; i < 11; i += 1) {
      const p = placeSubmission(sessions.map((s) => ({ ...s, situations_count: counts[s.id as "a" | "b"] })), 10, now)!;
      placed.push(p.session_id);
      reported.push(p.full);
      counts = { ...counts, [p.session_id]: counts[p.session_id as "a" | "b"] + 1 };
    }
    expect(placed).toEqual([...Array(10).fill("a"), "b"]);
    expect(reported.slice(0, 10).every((f) => f.length === 0)).toBe(true);
    expect(reported[10]).toEqual(["a"]);
  });

  it("skips sessions whose deadline passed or whose agenda is frozen; null when none has room", () => {
    const sessions = [session("passed", 5, 0), session("frozen", 12, 0, "agenda_frozen"), session("next", 19, 3)];
    expect(placeSubmission(sessions, 10, new Date(Date.UTC(2026, 4, 3)))).toEqual({ session_id: "next", full: [] });
    expect(placeSubmission([session("x", 19, 10)], 10, new Date(Date.UTC(2026, 4, 3)))).toBeNull();
  });
});

describe("session states", () => {
  it("planned → agenda_frozen → dispatched → held → minutes_sent, or cancelled / postponed", () => {
    expect(sessionTransition("planned", "freeze")).toBe("agenda_frozen");
    expect(sessionTransition("agenda_frozen", "dispatch")).toBe("dispatched");
    expect(sessionTransition("dispatched", "hold")).toBe("held");
    expect(sessionTransition("held", "send_minutes")).toBe("minutes_sent");
    expect(sessionTransition("planned", "cancel")).toBe("cancelled");
    expect(sessionTransition("dispatched", "postpone")).toBe("postponed");
    expect(sessionTransition("planned", "dispatch")).toBeNull();
    expect(sessionTransition("held", "cancel")).toBeNull();
    expect(sessionTransition("cancelled", "hold")).toBeNull();
    expect(sessionTransition("minutes_sent", "send_minutes")).toBeNull();
  });
});

describe("iCalendar feed", () => {
  it("parses as RFC 5545 with the territory's VTIMEZONE, local times converting to the right instants", () => {
    const sessions = plannedSessions(CTO, PARIS, "2026-03-01", "2026-12-31");
    const text = icsCalendar(
      "CTO de l'Aisne, fictif ; test",
      PARIS.time_zone,
      sessions.map((s, i) => ({ uid: `s${i}@spie`, starts_at: s.starts_at, duration_minutes: 120, summary: "CTO — séance", location: "Laon, salle fictive, 2e étage", status: "CONFIRMED", sequence: 0, description: "Une longue description fictive qui dépasse largement soixante-quinze octets pour vérifier le pliage des lignes é è à." })),
      new Date(Date.UTC(2026, 10, 28)),
    );
    expect(text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const component = new ICAL.Component(ICAL.parse(text));
    const tz = component.getFirstSubcomponent("vtimezone")!;
    expect(tz.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    ICAL.TimezoneService.register(tz);
    const events = component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(sessions.length);
    expect(events[0]!.location).toBe("Laon, salle fictive, 2e étage");
    for (const [i, e] of events.entries()) expect(e.startDate.toJSDate().toISOString()).toBe(sessions[i]!.starts_at.toISOString());
    // Winter and summer sessions both at 08:30 local.
    expect(events.every((e) => e.startDate.hour === 8 && e.startDate.minute === 30)).toBe(true);
    expect(events.some((e) => e.startDate.toJSDate().getUTCHours() === 7)).toBe(true);
  });

  it("an overseas zone gets one STANDARD component", () => {
    const text = icsCalendar("Cellule fictive", MAYOTTE.time_zone, [{ uid: "m@spie", starts_at: new Date(Date.UTC(2026, 3, 13, 6)), duration_minutes: 60, summary: "Séance", status: "CANCELLED", sequence: 1 }], new Date());
    const component = new ICAL.Component(ICAL.parse(text));
    const tz = component.getFirstSubcomponent("vtimezone")!;
    expect(tz.getAllSubcomponents("standard")).toHaveLength(1);
    expect(tz.getAllSubcomponents("daylight")).toHaveLength(0);
    ICAL.TimezoneService.register(tz);
    const e = new ICAL.Event(component.getFirstSubcomponent("vevent")!);
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-04-13T06:00:00.000Z");
    expect(e.startDate.hour).toBe(9);
  });
});
