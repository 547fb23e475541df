import { Footer } from "@codegouvfr/react-dsfr/Footer.js";
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display/index.js";

export const FOOTER_ID = "pied-de-page";

export function AppFooter() {
  return (
    <Footer
      id={FOOTER_ID}
      accessibility="non compliant"
      accessibilityLinkProps={{ to: "/accessibilite" }}
      contentDescription="spie est la plateforme numérique ouverte du Service public de l'insertion et de l'emploi : un dossier partagé par personne accompagnée, entre les professionnel·les qui la suivent."
      bottomItems={[headerFooterDisplayItem]}
    />
  );
}
