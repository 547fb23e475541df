import { hash, verify, type Options } from "@node-rs/argon2";

// argon2id, OWASP 2024 parameters (19 MiB, 2 iterations, 1 lane). `2` is Algorithm.Argon2id
// (a const enum the package exports only as a type).
const OPTIONS: Options = { algorithm: 2 as Options["algorithm"], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check when the account does not exist (no user enumeration). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("spie-dummy-password-for-timing");
  await verifyPassword(await dummy, password);
}

export const MIN_PASSWORD_LENGTH = 12;
