// Checks of the official identifiers the platform receives. Pure functions, shared by server and web.

/** SIRET: 14 digits, Luhn checksum (La Poste establishments use a digit sum multiple of 5). */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith("356000000")) {
    const sum = [...value].reduce((acc, d) => acc + Number(d), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(value[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Removes spaces and dots people type in NIR numbers, upper-cases the Corsican 2A/2B. */
export function cleanNir(value: string): string {
  return value.replace(/[\s.]/g, "").toUpperCase();
}

/**
 * NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale"): 13 characters and a
 * 2-digit key equal to 97 - (number mod 97), where Corsican départements 2A and 2B count as 19 and 18.
 */
export function isValidNir(raw: string): boolean {
  const value = cleanNir(raw);
  if (!/^[12378]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$/.test(value)) return false;
  const body = value.slice(0, 13).replace("2A", "19").replace("2B", "18");
  const key = Number(value.slice(13));
  return 97 - Number(BigInt(body) % 97n) === key;
}

/** What is shown of a NIR: the sex digit and the key, nothing in between. */
export function maskNir(raw: string): string {
  const value = cleanNir(raw);
  return `${value.slice(0, 1)} •• •• •• ••• ••• ${value.slice(13)}`;
}

/** INSEE commune code shape (the existence check needs the official geography, server side). */
export const COMMUNE_CODE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;
