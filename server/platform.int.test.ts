// The platform's edges: health, OpenAPI, docs, unknown routes, configuration safety.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import { testApp, type TestApp } from "./test/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t?.close();
});

describe("platform", () => {
  it("reports health with the database reachable", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
    expect(res.headers["x-request-id"]).toEqual(expect.any(String));
  });

  it("publishes an OpenAPI 3.1 document listing the foundation's paths, and its docs", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/api/v1/auth/login", "/api/v1/me", "/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/{id}/team", "/api/v1/people/{id}/access-log", "/api/v1/structures", "/api/v1/structures/{id}", "/api/v1/territories"]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const post = doc.paths["/api/v1/people"].post;
    expect(post.requestBody.content["application/json"].schema.properties).toHaveProperty("birth_date");
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
  });

  it("answers unknown API routes with a problem+json 404", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 404, code: "not_found" });
  });

  it("refuses to start in production with the demo secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", SPIE_SECRET: "short" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", SPIE_SECRET: "x".repeat(40) })).toThrow(/SPIE_PUBLIC_URL/);
    const config = loadConfig({ NODE_ENV: "production", SPIE_SECRET: "x".repeat(40), SPIE_PUBLIC_URL: "https://spie.example.org/" });
    expect(config.secureCookies).toBe(true);
    expect(config.publicUrl).toBe("https://spie.example.org");
    expect(config.smtpUrl).toBeUndefined();
    expect(() => loadConfig({ SPIE_PUBLIC_URL: "spie.example.org" })).toThrow(/SPIE_PUBLIC_URL/);
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/PORT/);
  });
});
