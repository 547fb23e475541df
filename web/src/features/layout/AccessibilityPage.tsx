import { fr } from "@codegouvfr/react-dsfr";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

export function AccessibilityPage() {
  useDocumentTitle("Déclaration d'accessibilité");
  return (
    <div className={fr.cx("fr-my-6w")}>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Le Service public de l'insertion et de l'emploi s'engage à rendre spie accessible, conformément à l'article 47
        de la loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        spie est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA) :
        aucun audit n'a encore été réalisé. Le service est conçu avec le Système de design de l'État et vise la
        conformité totale.
      </p>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'équipe de votre territoire pour être
        orienté·e vers une alternative accessible.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou une fonctionnalité, que
        vous nous le signalez et que vous ne parvenez pas à obtenir une réponse, vous pouvez saisir le Défenseur des
        droits.
      </p>
    </div>
  );
}
