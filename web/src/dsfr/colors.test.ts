import { describe, expect, it } from "vitest";
import { colors as dsfrColors } from "@codegouvfr/react-dsfr/fr/colors.js";
import { colors, THEME_COLORS } from "./colors.ts";

describe("react-dsfr's fr.colors without the tables", () => {
  it("gives the theme-color react-dsfr sets at start-up, as its tables do", () => {
    for (const isDark of [false, true]) {
      const expected = dsfrColors.getHex({ isDark }).decisions.background.default.grey.default;
      expect(colors.getHex({ isDark }).decisions.background.default.grey.default).toBe(expected);
    }
    expect(THEME_COLORS.light).not.toBe(THEME_COLORS.dark);
  });

  it("throws on any other colour, naming the way out", () => {
    expect(() => colors.decisions).toThrow(/variables CSS du DSFR/);
    expect(() => colors.options).toThrow(/variables CSS du DSFR/);
    expect(() => colors.getHex({ isDark: false }).options).toThrow(/variables CSS du DSFR/);
  });
});
