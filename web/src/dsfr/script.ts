// The DSFR's own script as spie loads it (web/dsfr-trim.ts puts this module in place of react-dsfr's
// dsfr/dsfr.module.js, which react-dsfr's start imports once `window.dsfr` is set): the DSFR core,
// the colour scheme and the scripts of the components spie's pages show, instead of every
// component's (~4 kB gzipped less in every page's first load, web/bundle-budget.ts). The core must
// come first: each component's script registers itself on `window.dsfr`.
// Left out, since no page shows them: accordion, password, range, segmented, sidemenu, tile,
// toggle, tooltip, transcription. script.test.ts fails when a page starts using one of them: add its
// script here (@codegouvfr/react-dsfr/dsfr/component/<name>/<name>.module.js).
import "@codegouvfr/react-dsfr/dsfr/core/core.module.js";
import "@codegouvfr/react-dsfr/dsfr/scheme/scheme.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/header/header.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/navigation/navigation.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/modal/modal.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/display/display.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/button/button.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/breadcrumb/breadcrumb.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/card/card.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/checkbox/checkbox.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/tab/tab.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/table/table.module.js";
import "@codegouvfr/react-dsfr/dsfr/component/tag/tag.module.js";
