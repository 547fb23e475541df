import { describe, expect, it } from "vitest";
import { formatFirstLoads, measureFirstLoads, type ChunkInfo } from "./bundle-budget.ts";

const chunk = (fileName: string, code: string, extra: Partial<ChunkInfo> = {}): ChunkInfo => ({ fileName, code, isEntry: false, imports: [], facadeModuleId: null, ...extra });

describe("first-load budget", () => {
  const chunks = [
    chunk("index.js", "a".repeat(1000), { isEntry: true, imports: ["shared.js"] }),
    chunk("shared.js", "b".repeat(1000)),
    chunk("Directory.js", "c".repeat(1000), { facadeModuleId: "/repo/web/src/features/directory/DirectorySearchPage.tsx", imports: ["shared.js", "dir-api.js"] }),
    chunk("dir-api.js", "d".repeat(1000)),
    chunk("Home.js", "e".repeat(1000), { facadeModuleId: "/repo/web/src/features/layout/HomePage.tsx" }),
    // A professional page: never in the directory's first load.
    chunk("People.js", "f".repeat(100_000), { facadeModuleId: "/repo/web/src/features/people/PeopleListPage.tsx", imports: ["shared.js"] }),
  ];

  it("counts the entry, its static imports and the route's chunks with theirs, each once", () => {
    const [load] = measureFirstLoads(chunks, { annuaire: ["web/src/features/directory/DirectorySearchPage.tsx"] });
    expect(load!.chunks.map((c) => c.fileName).sort()).toEqual(["Directory.js", "dir-api.js", "index.js", "shared.js"]);
    expect(load!.gzip).toBe(load!.chunks.reduce((s, c) => s + c.gzip, 0));
    expect(load!.gzip).toBeLessThan(4 * 1000);
    expect(formatFirstLoads([load!], 10)).toContain("AU-DESSUS DU BUDGET");
  });

  it("fails loudly when a route is no longer split off", () => {
    expect(() => measureFirstLoads(chunks, { x: ["web/src/features/nowhere/Page.tsx"] })).toThrow(/Aucun chunk/);
  });
});
