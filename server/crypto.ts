// Secrets derived from SPIE_SECRET, and the hashing of tokens. No personal data is ever logged.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "spie", purpose, 32));
}

export interface Crypto {
  /** AES-256-GCM, base64url "iv.tag.ciphertext". */
  encrypt(plain: string): string;
  decrypt(encoded: string): string;
  /** Keyed hash for equality look-ups of identifiers that must not be stored in clear. */
  keyedHash(value: string): string;
  /** HMAC-SHA-256 (base64url) of a signed link's payload, with its own key (never the look-up key). */
  sign(value: string): string;
}

export function createCrypto(secret: string): Crypto {
  const encKey = derive(secret, "encryption");
  const macKey = derive(secret, "lookup-hash");
  const linkKey = derive(secret, "signed-links");
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
    },
    decrypt(encoded) {
      const [iv, tag, data] = encoded.split(".").map((p) => Buffer.from(p, "base64url"));
      if (!iv || !tag || !data) throw new Error("malformed ciphertext");
      const decipher = createDecipheriv("aes-256-gcm", encKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
    },
    keyedHash(value) {
      return createHmac("sha256", macKey).update(value).digest("base64url");
    },
    sign(value) {
      return createHmac("sha256", linkKey).update(value).digest("base64url");
    },
  };
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
