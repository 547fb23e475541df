import { describe, expect, it } from "vitest";
import { tinyDocx, tinyJpeg, tinyOdt, tinyPdf, tinyPng } from "../../server/test/documents.ts";
import { attachmentDisposition, checkDocument, documentFileName, formatFileSize, precheckFiles, sniffDocumentType, SUBMISSION_DOCUMENT_MAX_BYTES } from "./committee-documents.ts";

describe("documents joined to a submission", () => {
  it("recognises each accepted type by its bytes", () => {
    expect(sniffDocumentType(tinyPdf())).toBe("application/pdf");
    expect(sniffDocumentType(tinyJpeg())).toBe("image/jpeg");
    expect(sniffDocumentType(tinyPng())).toBe("image/png");
    expect(sniffDocumentType(tinyOdt())).toBe("application/vnd.oasis.opendocument.text");
    expect(sniffDocumentType(tinyDocx())).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("refuses what is not one of them, whatever its name or declared type", () => {
    expect(sniffDocumentType(new TextEncoder().encode("<html><script>alert(1)</script></html>"))).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode("%PD"))).toBeNull();
    expect(checkDocument(new TextEncoder().encode("MZ\x90\x00 un exécutable"), "application/pdf")).toMatchObject({ ok: false, code: "media_type" });
    // A bare ZIP is neither an ODT nor a DOCX.
    expect(sniffDocumentType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBeNull();
  });

  it("checks the declared type against the bytes, and the size", () => {
    expect(checkDocument(tinyPdf(), "application/pdf")).toEqual({ ok: true, media_type: "application/pdf" });
    expect(checkDocument(tinyPdf(), "application/octet-stream")).toEqual({ ok: true, media_type: "application/pdf" });
    expect(checkDocument(tinyJpeg(), "image/jpg")).toEqual({ ok: true, media_type: "image/jpeg" });
    expect(checkDocument(tinyPng(), "application/pdf")).toMatchObject({ ok: false, code: "type_mismatch" });
    expect(checkDocument(new Uint8Array(0), "application/pdf")).toMatchObject({ ok: false, code: "empty" });
    const big = new Uint8Array(SUBMISSION_DOCUMENT_MAX_BYTES + 1);
    big.set(tinyPdf());
    expect(checkDocument(big, "application/pdf")).toMatchObject({ ok: false, code: "too_large", message: expect.stringContaining("5 Mo") });
    const limit = new Uint8Array(SUBMISSION_DOCUMENT_MAX_BYTES);
    limit.set(tinyPdf());
    expect(checkDocument(limit, "application/pdf").ok).toBe(true);
  });

  it("keeps a safe file name, and downloads it under that name", () => {
    expect(documentFileName("C:\\Users\\x\\Attestation été.pdf", "application/pdf")).toBe("Attestation été.pdf");
    expect(documentFileName("../../etc/passwd\u0000.pdf", "application/pdf")).toBe("passwd.pdf");
    expect(documentFileName("", "image/png")).toBe("document.png");
    const long = documentFileName(`${"a".repeat(300)}.docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(long).toHaveLength(200);
    expect(long.endsWith(".docx")).toBe(true);
    expect(attachmentDisposition('Relevé "CAF".pdf')).toBe(`attachment; filename="Releve _CAF_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22CAF%22.pdf`);
  });

  it("states sizes in French", () => {
    expect(formatFileSize(1)).toBe("1 octet");
    expect(formatFileSize(900)).toBe("900 octets");
    expect(formatFileSize(12_800)).toBe("13 ko");
    expect(formatFileSize(1_572_864)).toBe("1,5 Mo");
    expect(formatFileSize(SUBMISSION_DOCUMENT_MAX_BYTES)).toBe("5 Mo");
  });

  it("tells the web form what it can see before sending: type by name, size, count", () => {
    expect(precheckFiles([{ name: "attestation.pdf", size: 1000, type: "application/pdf" }])).toEqual([]);
    expect(precheckFiles([{ name: "scan", size: 1000, type: "image/jpg" }])).toEqual([]);
    expect(precheckFiles([{ name: "outil.exe", size: 1000, type: "application/x-msdownload" }])).toEqual(["« outil.exe » : type de document non accepté (PDF, JPEG, PNG, ODT ou DOCX)."]);
    expect(precheckFiles([{ name: "gros.pdf", size: SUBMISSION_DOCUMENT_MAX_BYTES + 1, type: "application/pdf" }])).toEqual(["« gros.pdf » : le document dépasse 5 Mo."]);
    const two = [
      { name: "a.pdf", size: 10, type: "application/pdf" },
      { name: "b.pdf", size: 10, type: "application/pdf" },
    ];
    expect(precheckFiles(two, 9)).toEqual(["10 documents au plus par saisine : vous pouvez en joindre encore 1."]);
    expect(precheckFiles(two, 10)[0]).toMatch(/retirez-en un/);
  });
});
