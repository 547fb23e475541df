// Documents joined to a committee submission ("fiche de saisine"): the limits, the accepted types
// recognised by their first bytes (never by the name or the declared type alone), and their labels.
// Pure: used by the server (checks) and the web (the limits stated on the form, the list).

/** Largest document accepted: 5 Mo. */
export const SUBMISSION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Documents per submission, at most. */
export const SUBMISSION_DOCUMENT_MAX_COUNT = 10;
/** Longest file name kept (characters). */
export const SUBMISSION_DOCUMENT_NAME_MAX = 200;

const ODT = "application/vnd.oasis.opendocument.text";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const SUBMISSION_DOCUMENT_TYPES = {
  "application/pdf": { label: "PDF", extension: "pdf" },
  "image/jpeg": { label: "image JPEG", extension: "jpg" },
  "image/png": { label: "image PNG", extension: "png" },
  [ODT]: { label: "texte ODT", extension: "odt" },
  [DOCX]: { label: "texte DOCX (Word)", extension: "docx" },
} as const satisfies Record<string, { label: string; extension: string }>;
export type SubmissionDocumentType = keyof typeof SUBMISSION_DOCUMENT_TYPES;
export const SUBMISSION_DOCUMENT_MEDIA_TYPES = Object.keys(SUBMISSION_DOCUMENT_TYPES) as SubmissionDocumentType[];

/** For the file picker (`accept`): extensions and media types. */
export const SUBMISSION_DOCUMENT_ACCEPT = [...SUBMISSION_DOCUMENT_MEDIA_TYPES, ".pdf", ".jpg", ".jpeg", ".png", ".odt", ".docx"].join(",");

/** The limits in words, shown on the form and named in the refusals. */
export const SUBMISSION_DOCUMENT_LIMITS_TEXT = `PDF, JPEG, PNG, ODT ou DOCX ; ${formatFileSize(SUBMISSION_DOCUMENT_MAX_BYTES)} au plus par document ; ${SUBMISSION_DOCUMENT_MAX_COUNT} documents au plus par saisine.`;

/** "350 octets", "12 ko", "1,5 Mo" (base 1024, French decimal comma). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? "s" : ""}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  const mo = bytes / (1024 * 1024);
  return `${(Math.round(mo * 10) / 10).toString().replace(".", ",")} Mo`;
}

/** "PDF", "image PNG"…; the raw type when unknown. */
export function documentTypeLabel(mediaType: string): string {
  return (SUBMISSION_DOCUMENT_TYPES as Record<string, { label: string }>)[mediaType]?.label ?? mediaType;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function includes(bytes: Uint8Array, needle: number[]): boolean {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first!); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * An OpenDocument text: a ZIP whose first entry is `mimetype`, stored uncompressed, holding exactly
 * the ODT media type (OpenDocument 1.2, part 3, §3.3).
 */
function isOdt(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ZIP) || bytes.length < 30) return false;
  const method = u16(bytes, 8);
  const size = u32(bytes, 18);
  const nameLength = u16(bytes, 26);
  const extraLength = u16(bytes, 28);
  if (method !== 0 || nameLength !== 8 || !startsWith(bytes, ascii("mimetype"), 30)) return false;
  const start = 30 + nameLength + extraLength;
  return size === ODT.length && startsWith(bytes, ascii(ODT), start);
}

/** An Office Open XML word-processing document: a ZIP with `[Content_Types].xml` and a `word/` part. */
function isDocx(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP) && includes(bytes, ascii("[Content_Types].xml")) && includes(bytes, ascii("word/document.xml"));
}

/** The accepted type these bytes are, from their signature; null when none. */
export function sniffDocumentType(bytes: Uint8Array): SubmissionDocumentType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (isOdt(bytes)) return ODT;
  if (isDocx(bytes)) return DOCX;
  return null;
}

/** Declared types a browser may send for any file: they say nothing, the bytes decide. */
const UNINFORMATIVE = new Set(["", "application/octet-stream", "binary/octet-stream", "application/zip", "application/x-zip-compressed"]);

export const DOCUMENT_TOO_LARGE_MESSAGE = `Le document dépasse ${formatFileSize(SUBMISSION_DOCUMENT_MAX_BYTES)} (taille maximale d'un document).`;

export type DocumentCheck = { ok: true; media_type: SubmissionDocumentType } | { ok: false; code: "empty" | "too_large" | "media_type" | "type_mismatch"; message: string };

/**
 * Whether a document may be joined: not empty, not above the size limit, of an accepted type by its
 * bytes, and — when the sender declared an accepted type — of that type (a PNG sent as a PDF is refused).
 */
export function checkDocument(bytes: Uint8Array, declaredType: string | null | undefined): DocumentCheck {
  if (bytes.length === 0) return { ok: false, code: "empty", message: "Le document est vide." };
  if (bytes.length > SUBMISSION_DOCUMENT_MAX_BYTES) {
    return { ok: false, code: "too_large", message: DOCUMENT_TOO_LARGE_MESSAGE };
  }
  const sniffed = sniffDocumentType(bytes);
  if (!sniffed) return { ok: false, code: "media_type", message: "Type de document non accepté : PDF, JPEG, PNG, ODT ou DOCX uniquement." };
  const declared = (declaredType ?? "").split(";")[0]!.trim().toLowerCase();
  const known = declared === "image/jpg" ? "image/jpeg" : declared;
  if (!UNINFORMATIVE.has(known) && known !== sniffed) {
    return { ok: false, code: "type_mismatch", message: `Le contenu du document (${documentTypeLabel(sniffed)}) ne correspond pas à son type déclaré (${declared}).` };
  }
  return { ok: true, media_type: sniffed };
}

/**
 * The name kept for a document: its last path segment, without control characters, trimmed, at
 * most SUBMISSION_DOCUMENT_NAME_MAX characters (the extension kept); "document.<ext>" when nothing is left.
 */
export function documentFileName(raw: string | null | undefined, mediaType: SubmissionDocumentType): string {
  const ext = SUBMISSION_DOCUMENT_TYPES[mediaType].extension;
  // eslint-disable-next-line no-control-regex
  const base = (raw ?? "").split(/[\\/]/).at(-1)!.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
  if (!base || base === "." || base === "..") return `document.${ext}`;
  if (base.length <= SUBMISSION_DOCUMENT_NAME_MAX) return base;
  const dot = base.lastIndexOf(".");
  const suffix = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, SUBMISSION_DOCUMENT_NAME_MAX - suffix.length) + suffix;
}

/**
 * A Content-Disposition header value that downloads the file under its name: an ASCII fallback
 * (`filename`) and the exact name in UTF-8 (`filename*`, RFC 6266 / RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const EXTENSIONS = new Set(["pdf", "jpg", "jpeg", "png", "odt", "docx"]);

/**
 * What can be told of chosen files before sending them (the web form): their size, their count, and
 * their name or declared type; the server decides on their bytes. One French message per refusal.
 */
export function precheckFiles(files: readonly { name: string; size: number; type: string }[], alreadyJoined = 0): string[] {
  const errors: string[] = [];
  const room = Math.max(0, SUBMISSION_DOCUMENT_MAX_COUNT - alreadyJoined);
  if (files.length > room) {
    errors.push(
      room === 0
        ? `${SUBMISSION_DOCUMENT_MAX_COUNT} documents au plus par saisine : retirez-en un avant d'en joindre un autre.`
        : `${SUBMISSION_DOCUMENT_MAX_COUNT} documents au plus par saisine : vous pouvez en joindre encore ${room}.`,
    );
  }
  for (const f of files) {
    const extension = f.name.includes(".") ? f.name.split(".").at(-1)!.toLowerCase() : "";
    const declared = f.type.toLowerCase() === "image/jpg" ? "image/jpeg" : f.type.toLowerCase();
    const accepted = EXTENSIONS.has(extension) || (SUBMISSION_DOCUMENT_MEDIA_TYPES as string[]).includes(declared);
    if (!accepted) errors.push(`« ${f.name} » : type de document non accepté (PDF, JPEG, PNG, ODT ou DOCX).`);
    else if (f.size === 0) errors.push(`« ${f.name} » : le document est vide.`);
    else if (f.size > SUBMISSION_DOCUMENT_MAX_BYTES) errors.push(`« ${f.name} » : le document dépasse ${formatFileSize(SUBMISSION_DOCUMENT_MAX_BYTES)}.`);
  }
  return errors;
}
