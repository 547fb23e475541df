// Phone, e-mail and opening hours of a structure or a service (data·inclusion `telephone`,
// `courriel`, `horaires_accueil`), as tel: and mailto: links and plain French hours.
import { openingHoursFr } from "../../../../common/domain/opening-hours.ts";

/** "01 99 00 12 34" → "tel:0199001234" (a leading + kept). */
export function telHref(phone: string): string {
  return `tel:${phone.trim().replace(/(?!^\+)[^\d]/g, "")}`;
}

export function ContactLines({ telephone, courriel }: { telephone: string | null; courriel: string | null }) {
  return (
    <>
      {telephone && (
        <span className="spie-line">
          Téléphone : <a href={telHref(telephone)}>{telephone}</a>
        </span>
      )}
      {courriel && (
        <span className="spie-line">
          Courriel : <a href={`mailto:${courriel}`}>{courriel}</a>
        </span>
      )}
    </>
  );
}

/** The hours in plain French (or as given, when their form is not a common one). */
export function OpeningHours({ value }: { value: string }) {
  return <span data-testid="horaires">{openingHoursFr(value)}</span>;
}
