import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";

describe("startMockServer", () => {
  let server;
  beforeAll(async () => {
    server = await startMockServer();
  }, 180_000);
  afterAll(() => server?.stop());

  it("serves the spec's examples on 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/voices`, { headers: { Authorization: "test-key" } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.code).toBe(0);
    expect(Array.isArray(body.data.voices)).toBe(true);
  });

  it("enforces the security scheme", async () => {
    const response = await fetch(`${server.url}/voices`);
    expect(response.status).toBe(401);
  });

  it("stops cleanly: the port no longer answers", async () => {
    const other = await startMockServer();
    await other.stop();
    const refused = await fetch(`${other.url}/voices`).catch((error) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused.cause).toMatchObject({ code: "ECONNREFUSED" });
  }, 180_000);
});
