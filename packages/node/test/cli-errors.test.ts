// cliMessage's hints for a sample download, read from the error's class and fields (never its text).
import { ConnectionError, InvalidResponseError, TimeoutError } from "@noiz-voices/client";
import { describe, expect, it } from "vitest";
import { cliMessage } from "../src/cli/errors.js";

const SAMPLE_HOST = "get the voice again for a fresh sample URL";
const download = { operation: "downloadVoiceSample" };

describe("cliMessage for a sample download", () => {
  it.each([
    [
      "an unreachable host",
      new ConnectionError("GET /s.wav got no response.", { ...download, hint: "Check the network." }),
    ],
    [
      "a redirect the rules refuse",
      new InvalidResponseError("GET /s.wav was redirected (HTTP 302 to file:).", { ...download, status: 302 }),
    ],
  ])("%s: the sample URL is the service's, so the hint says to get the voice again", (_, error) => {
    const message = cliMessage(error);
    expect(message).toContain(SAMPLE_HOST);
    expect(message).not.toContain("--base-url");
  });

  it("a timeout still names --timeout, and an API call's connection failure --base-url", () => {
    const timedOut = new TimeoutError("GET /s.wav timed out.", {
      ...download,
      setting: "timeoutMs",
      hint: "Raise timeoutMs.",
    });
    expect(cliMessage(timedOut)).toContain("--timeout");
    expect(cliMessage(timedOut)).not.toContain(SAMPLE_HOST);
    const api = new ConnectionError("GET /v1/voices got no response.", { operation: "listVoices", setting: "baseUrl" });
    expect(cliMessage(api)).toContain("--base-url");
  });
});
