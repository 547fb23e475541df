import { describe, expect, it } from "vitest";
import { openingHoursFr } from "./opening-hours.ts";

describe("openingHoursFr", () => {
  it.each([
    ["Mo-Fr 09:00-12:00,14:00-17:00; PH off", "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h ; fermé les jours fériés"],
    ["Mo-Fr 09:00-12:00,14:00-17:00", "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h"],
    ["Sa 09:00-12:00", "Le samedi, de 9 h à 12 h"],
    ["Mo,We,Fr 08:30-12:15", "Le lundi, le mercredi et le vendredi, de 8 h 30 à 12 h 15"],
    ["Mo-We,Fr 09:00-12:00,13:30-16:00,18:00-19:00", "Du lundi au mercredi et le vendredi, de 9 h à 12 h, de 13 h 30 à 16 h et de 18 h à 19 h"],
    ["Mo-Su 20:00-24:00", "Tous les jours, de 20 h à minuit"],
    ["09:00-17:00", "Tous les jours, de 9 h à 17 h"],
    ["Mo-Fr 09:00-17:00; Su off", "Du lundi au vendredi, de 9 h à 17 h ; fermé le dimanche"],
    ["Tu,Th", "Ouvert le mardi et le jeudi"],
    ["24/7", "Ouvert 24 h sur 24, 7 jours sur 7"],
    ["  Mo-Fr   09:00-12:00 ;  ", "Du lundi au vendredi, de 9 h à 12 h"],
    ["PH 10:00-12:00", "Les jours fériés, de 10 h à 12 h"],
  ])("writes %s in plain French", (raw, expected) => {
    expect(openingHoursFr(raw)).toBe(expected);
  });

  it.each([
    "Lundi au vendredi de 9h à 12h", // free text
    "Jan-Jun Mo-Fr 09:00-12:00", // months
    "Mo-Fr 09:00-12:00 \"sur rendez-vous\"", // comment
    "Mo-Fr 09:00+", // open end
    "Mo-Fr sunrise-sunset",
    "Mo-Fr 25:00-26:00", // not a time
    "Mo-Fr 09:60-12:00",
    "Mo-Fr 24:00-02:00",
    "Mo-Fr 09:00-12:00 || PH off", // fallback rule
    "Xx 09:00-12:00", // unknown day
    "Mo-Mo 09:00-12:00",
    "SH off", // school holidays
    "Mo-Fr 09:00",
    ";",
  ])("shows %s as given when it does not understand it", (raw) => {
    expect(openingHoursFr(raw)).toBe(raw.trim());
  });
});
