// react-dsfr's `fr.colors` as spie's bundle has it (web/dsfr-trim.ts puts this module in place of
// react-dsfr's fr/colors.js): the DSFR's colour tables (~13 kB gzipped, in every page's first load
// since every react-dsfr component imports `fr` for `fr.cx`) are left out. spie's colours are the
// DSFR's CSS; the one colour react-dsfr reads in JavaScript is the page's theme-color (the
// `background.default.grey.default` decision, light and dark), set at start-up. Reading any other
// colour throws, loudly: use the DSFR's CSS variables instead (colors.test.ts checks the values).

/** `background.default.grey.default`, as react-dsfr's tables give it. */
export const THEME_COLORS = { light: "#ffffff", dark: "#161616" } as const;

function unavailable(): never {
  throw new Error("fr.colors : les tables de couleurs du DSFR ne sont pas dans l'application (web/src/dsfr/colors.ts) ; utilisez les variables CSS du DSFR.");
}

export const colors = {
  getHex: ({ isDark }: { isDark: boolean }) => ({
    decisions: { background: { default: { grey: { default: isDark ? THEME_COLORS.dark : THEME_COLORS.light } } } },
    get options(): never {
      return unavailable();
    },
  }),
  get options(): never {
    return unavailable();
  },
  get decisions(): never {
    return unavailable();
  },
};
