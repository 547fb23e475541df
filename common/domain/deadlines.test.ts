import { describe, expect, it } from "vitest";
import { contactDeadline, contractDeadline, deadlinesFromDates, hasOverdueDeadline, noRecentContact, orientationDeadline, personDeadlines, storedDeadlines, DEFAULT_DEADLINE_SETTINGS } from "./deadlines.ts";

const opened = { rsa_right_opened_on: "2026-01-01", rsa_status: "droit_ouvert_versable" as const, first_orientation_on: null };

describe("orientationDeadline: 6 weeks after the RSA right opened", () => {
  it("is due 42 days after the opening", () => {
    expect(orientationDeadline(opened, "2026-01-01")).toEqual({ kind: "orientation", started_on: "2026-01-01", due_on: "2026-02-12", status: "ok", days_left: 42, done_on: null, late: false });
  });

  it("is ok with 8 days left, soon from 7 days left to the due date itself, overdue the day after", () => {
    expect(orientationDeadline(opened, "2026-02-04")).toMatchObject({ status: "ok", days_left: 8 });
    expect(orientationDeadline(opened, "2026-02-05")).toMatchObject({ status: "soon", days_left: 7 });
    expect(orientationDeadline(opened, "2026-02-12")).toMatchObject({ status: "soon", days_left: 0 });
    expect(orientationDeadline(opened, "2026-02-13")).toMatchObject({ status: "overdue", days_left: -1 });
  });

  it("is done once an orientation is decided, late only after the due date", () => {
    expect(orientationDeadline({ ...opened, first_orientation_on: "2026-02-12" }, "2026-05-01")).toMatchObject({ status: "done", done_on: "2026-02-12", late: false });
    expect(orientationDeadline({ ...opened, first_orientation_on: "2026-02-13" }, "2026-05-01")).toMatchObject({ status: "done", late: true });
    expect(orientationDeadline({ ...opened, first_orientation_on: "2025-12-20" }, "2026-05-01")).toMatchObject({ status: "done", late: false });
  });

  it("does not apply without an opening date, nor to a refused or closed right that was never oriented", () => {
    expect(orientationDeadline({ ...opened, rsa_right_opened_on: null }, "2026-05-01")).toBeNull();
    for (const rsa_status of ["droit_refuse", "droit_clos", "droit_clos_mois_anterieur"] as const) {
      expect(orientationDeadline({ ...opened, rsa_status }, "2026-05-01")).toBeNull();
      expect(orientationDeadline({ ...opened, rsa_status, first_orientation_on: "2026-01-20" }, "2026-05-01")).toMatchObject({ status: "done" });
    }
    expect(orientationDeadline({ ...opened, rsa_status: "droit_ouvert_suspendu" }, "2026-05-01")).toMatchObject({ status: "overdue" });
    expect(orientationDeadline({ ...opened, rsa_status: null }, "2026-05-01")).toMatchObject({ status: "overdue" });
  });

  it("follows the territory's warning delay", () => {
    expect(orientationDeadline(opened, "2026-01-29", { ...DEFAULT_DEADLINE_SETTINGS, soon_days: 14 })).toMatchObject({ status: "soon", days_left: 14 });
    expect(orientationDeadline(opened, "2026-02-12", { ...DEFAULT_DEADLINE_SETTINGS, soon_days: 0 })).toMatchObject({ status: "soon", days_left: 0 });
    expect(orientationDeadline(opened, "2026-02-11", { ...DEFAULT_DEADLINE_SETTINGS, soon_days: 0 })).toMatchObject({ status: "ok" });
  });
});

describe("contractDeadline: 1 month after the orientation was notified", () => {
  it("does not apply before an orientation", () => {
    expect(contractDeadline({ latest_orientation_notified_on: null, contracts_signed_on: ["2026-01-01"] }, "2026-02-01")).toBeNull();
  });

  it("is due the same day of the next month, or its last day", () => {
    expect(contractDeadline({ latest_orientation_notified_on: "2026-03-15", contracts_signed_on: [] }, "2026-03-15")).toMatchObject({ due_on: "2026-04-15", days_left: 31, status: "ok" });
    expect(contractDeadline({ latest_orientation_notified_on: "2026-01-31", contracts_signed_on: [] }, "2026-02-01")).toMatchObject({ due_on: "2026-02-28" });
    expect(contractDeadline({ latest_orientation_notified_on: "2028-01-31", contracts_signed_on: [] }, "2028-02-01")).toMatchObject({ due_on: "2028-02-29" });
    expect(contractDeadline({ latest_orientation_notified_on: "2026-12-31", contracts_signed_on: [] }, "2027-01-01")).toMatchObject({ due_on: "2027-01-31" });
  });

  it("is soon on the due date and overdue the day after", () => {
    const input = { latest_orientation_notified_on: "2026-03-15", contracts_signed_on: [] };
    expect(contractDeadline(input, "2026-04-07")).toMatchObject({ status: "ok", days_left: 8 });
    expect(contractDeadline(input, "2026-04-08")).toMatchObject({ status: "soon", days_left: 7 });
    expect(contractDeadline(input, "2026-04-15")).toMatchObject({ status: "soon", days_left: 0 });
    expect(contractDeadline(input, "2026-04-16")).toMatchObject({ status: "overdue", days_left: -1 });
  });

  it("is done by the first contract signed on or after the notification, not by an older one", () => {
    expect(contractDeadline({ latest_orientation_notified_on: "2026-03-15", contracts_signed_on: ["2026-03-15"] }, "2026-06-01")).toMatchObject({ status: "done", done_on: "2026-03-15", late: false });
    expect(contractDeadline({ latest_orientation_notified_on: "2026-03-15", contracts_signed_on: ["2026-05-02", "2026-04-16"] }, "2026-06-01")).toMatchObject({ status: "done", done_on: "2026-04-16", late: true });
    expect(contractDeadline({ latest_orientation_notified_on: "2026-03-15", contracts_signed_on: ["2026-03-14"] }, "2026-06-01")).toMatchObject({ status: "overdue" });
  });

  it("restarts with a réorientation: the contract of the former orientation no longer counts", () => {
    const before = { latest_orientation_notified_on: "2026-01-10", contracts_signed_on: ["2026-01-20"] };
    expect(contractDeadline(before, "2026-05-01")).toMatchObject({ status: "done", due_on: "2026-02-10" });
    const reoriented = { ...before, latest_orientation_notified_on: "2026-04-20" };
    expect(contractDeadline(reoriented, "2026-05-01")).toMatchObject({ status: "ok", started_on: "2026-04-20", due_on: "2026-05-20", days_left: 19 });
    expect(contractDeadline(reoriented, "2026-05-21")).toMatchObject({ status: "overdue" });
    expect(contractDeadline({ ...reoriented, contracts_signed_on: ["2026-01-20", "2026-05-04"] }, "2026-05-21")).toMatchObject({ status: "done", done_on: "2026-05-04", late: false });
  });
});

describe("contactDeadline: no contact for 3 months", () => {
  it("is due 3 months after the last contact: still soon on that day, overdue the day after", () => {
    const input = { last_contact_on: "2026-01-15", file_created_on: "2025-01-01" };
    expect(contactDeadline(input, "2026-04-07")).toMatchObject({ status: "ok", due_on: "2026-04-15" });
    expect(contactDeadline(input, "2026-04-15")).toMatchObject({ status: "soon", days_left: 0 });
    expect(contactDeadline(input, "2026-04-16")).toMatchObject({ status: "overdue", days_left: -1, done_on: null });
  });

  it("counts from the file's creation when there was no contact yet, and follows the territory's setting", () => {
    expect(contactDeadline({ last_contact_on: null, file_created_on: "2025-11-30" }, "2026-03-01")).toMatchObject({ started_on: "2025-11-30", due_on: "2026-02-28", status: "overdue" });
    expect(contactDeadline({ last_contact_on: null, file_created_on: "2025-11-30" }, "2026-03-01", { ...DEFAULT_DEADLINE_SETTINGS, contact_months: 6 })).toMatchObject({ due_on: "2026-05-30", status: "ok" });
  });
});

describe("personDeadlines and the filters of my people", () => {
  const facts = {
    rsa_right_opened_on: "2026-01-01",
    rsa_status: "droit_ouvert_versable" as const,
    first_orientation_on: null,
    latest_orientation_notified_on: null,
    contracts_signed_on: [],
    last_contact_on: "2026-02-01",
    file_created_on: "2026-01-02",
  };

  it("flags an overdue orientation or contract, not an overdue contact", () => {
    const d = personDeadlines(facts, "2026-02-13");
    expect(d.orientation?.status).toBe("overdue");
    expect(hasOverdueDeadline(d)).toBe(true);
    expect(noRecentContact(d)).toBe(false);
    const oriented = personDeadlines({ ...facts, first_orientation_on: "2026-02-01", latest_orientation_notified_on: "2026-02-01" }, "2026-03-02");
    expect(oriented.contract?.status).toBe("overdue");
    expect(hasOverdueDeadline(oriented)).toBe(true);
    const onTime = personDeadlines({ ...facts, first_orientation_on: "2026-02-01", latest_orientation_notified_on: "2026-02-01" }, "2026-03-01");
    expect(hasOverdueDeadline(onTime)).toBe(false);
  });

  it("flags no contact for 3 months separately", () => {
    const d = personDeadlines({ ...facts, rsa_right_opened_on: null }, "2026-05-02");
    expect(hasOverdueDeadline(d)).toBe(false);
    expect(noRecentContact(d)).toBe(true);
    expect(noRecentContact(personDeadlines({ ...facts, rsa_right_opened_on: null }, "2026-05-01"))).toBe(false);
  });
});

describe("storedDeadlines and deadlinesFromDates", () => {
  const facts = {
    rsa_right_opened_on: "2026-01-01",
    rsa_status: "droit_ouvert_versable" as const,
    first_orientation_on: null,
    latest_orientation_notified_on: null,
    contracts_signed_on: [] as string[],
    last_contact_on: null,
    file_created_on: "2026-01-02",
  };

  it("stores the pending step, even when the RSA right's opening date is unknown", () => {
    expect(storedDeadlines(personDeadlines(facts, "2026-02-13"), facts)).toMatchObject({ pending_step: "orientation", legal_due_on: "2026-02-12", contact_due_on: "2026-04-02" });
    const noDate = { ...facts, rsa_right_opened_on: null };
    expect(storedDeadlines(personDeadlines(noDate, "2026-02-13"), noDate)).toMatchObject({ pending_step: "orientation", legal_due_on: null });
    const closed = { ...facts, rsa_status: "droit_clos" as const };
    expect(storedDeadlines(personDeadlines(closed, "2026-02-13"), closed).pending_step).toBeNull();
    const oriented = { ...facts, first_orientation_on: "2026-02-01", latest_orientation_notified_on: "2026-02-03" };
    expect(storedDeadlines(personDeadlines(oriented, "2026-02-13"), oriented)).toMatchObject({ pending_step: "contract", legal_due_on: "2026-03-03" });
    const signed = { ...oriented, contracts_signed_on: ["2026-02-20"] };
    expect(storedDeadlines(personDeadlines(signed, "2026-02-13"), signed)).toMatchObject({ pending_step: null, legal_due_on: null, contact_due_on: "2026-04-02" });
  });

  it("owes no contact to a person whose RSA right was refused", () => {
    const refused = { ...facts, rsa_status: "droit_refuse" as const };
    const d = personDeadlines(refused, "2026-06-01");
    expect(d.contact).toBeNull();
    expect(noRecentContact(d)).toBe(false);
    expect(storedDeadlines(d, refused)).toMatchObject({ contact_due_on: null, pending_step: null });
  });

  it("gives back the same deadlines from the stored dates, on any day", () => {
    const oriented = { ...facts, first_orientation_on: "2026-02-20", latest_orientation_notified_on: "2026-02-20", last_contact_on: "2026-02-20" };
    for (const today of ["2026-02-21", "2026-03-15", "2026-03-21", "2026-06-01"]) {
      const live = personDeadlines(oriented, today, { ...DEFAULT_DEADLINE_SETTINGS, soon_days: 10 });
      const stored = storedDeadlines(personDeadlines(oriented, "2026-01-01"), oriented);
      expect(deadlinesFromDates(stored.deadline_dates, today, { ...DEFAULT_DEADLINE_SETTINGS, soon_days: 10 })).toEqual(live);
    }
  });
});
