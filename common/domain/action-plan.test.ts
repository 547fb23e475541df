import { describe, expect, it } from "vitest";
import { actionDatesOnStatus } from "./action-plan.ts";

const T = "2026-06-15";

describe("actionDatesOnStatus", () => {
  it("starts an action when it is in progress and closes it when done, abandoned or cancelled", () => {
    expect(actionDatesOnStatus({ status: "planned", started_on: null, ended_on: null }, "in_progress", T)).toEqual({ started_on: T, ended_on: null });
    expect(actionDatesOnStatus({ status: "in_progress", started_on: "2026-06-01", ended_on: null }, "done", T)).toEqual({ started_on: "2026-06-01", ended_on: T });
    expect(actionDatesOnStatus({ status: "planned", started_on: null, ended_on: null }, "done", T)).toEqual({ started_on: T, ended_on: T });
    expect(actionDatesOnStatus({ status: "planned", started_on: null, ended_on: null }, "cancelled", T)).toEqual({ started_on: null, ended_on: T });
    expect(actionDatesOnStatus({ status: "in_progress", started_on: "2026-06-01", ended_on: null }, "abandoned", T)).toEqual({ started_on: "2026-06-01", ended_on: T });
  });

  it("reopens and resets, and keeps the dates of an unchanged status", () => {
    expect(actionDatesOnStatus({ status: "done", started_on: "2026-06-01", ended_on: "2026-06-10" }, "in_progress", T)).toEqual({ started_on: "2026-06-01", ended_on: null });
    expect(actionDatesOnStatus({ status: "done", started_on: "2026-06-01", ended_on: "2026-06-10" }, "planned", T)).toEqual({ started_on: null, ended_on: null });
    expect(actionDatesOnStatus({ status: "done", started_on: "2026-06-01", ended_on: "2026-06-10" }, "done", T)).toEqual({ started_on: "2026-06-01", ended_on: "2026-06-10" });
  });
});
