import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

export function NotFoundPage() {
  useDocumentTitle("Page introuvable");
  return (
    <div className={fr.cx("fr-my-6w")}>
      <h1>Page introuvable</h1>
      <p className={fr.cx("fr-text--sm", "fr-mb-3w")}>Erreur 404</p>
      <p className={fr.cx("fr-text--lead")}>La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus
        disponible. Dans ce cas, pour continuer votre visite, vous pouvez revenir à la page d'accueil.
      </p>
      <Button linkProps={{ to: "/" }}>Page d'accueil</Button>
    </div>
  );
}
