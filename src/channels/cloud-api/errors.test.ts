import { describe, expect, it } from "vitest";
import {
  classifyGraphError,
  GraphApiError,
  GraphNetworkError,
  toTransportError,
  type GraphErrorKind,
} from "./errors.js";

describe("classifyGraphError (Meta error codes → what Kabar does)", () => {
  const table: Array<[number, number | undefined, GraphErrorKind, string, string]> = [
    // retry with backoff
    [130429, undefined, "retry", "rate_limited", "Message throughput of this number reached; retrying later"],
    [
      131056,
      undefined,
      "retry",
      "rate_limited",
      "Too many messages to this customer in a short time; retrying later",
    ],
    [4, undefined, "retry", "rate_limited", "Too many API calls for this app; retrying later"],
    [
      80007,
      undefined,
      "retry",
      "rate_limited",
      "Rate limit of the WhatsApp Business Account reached; retrying later",
    ],
    [131000, undefined, "retry", "network_error", "Something went wrong at WhatsApp; retrying later"],
    [2, undefined, "retry", "network_error", "WhatsApp service temporarily unavailable; retrying later"],
    // fail the recipient
    [
      131026,
      undefined,
      "fail",
      "invalid_message",
      "WhatsApp could not deliver the message (not a WhatsApp number, outdated app, or terms not accepted)",
    ],
    [
      131047,
      undefined,
      "fail",
      "outside_window",
      "More than 24 hours since the customer last wrote: only an approved template can be sent",
    ],
    [
      132000,
      undefined,
      "fail",
      "invalid_message",
      "Problem with the message template (missing, paused, disabled, or parameters do not match)",
    ],
    [
      132001,
      undefined,
      "fail",
      "invalid_message",
      "Problem with the message template (missing, paused, disabled, or parameters do not match)",
    ],
    [
      132016,
      undefined,
      "fail",
      "invalid_message",
      "Problem with the message template (missing, paused, disabled, or parameters do not match)",
    ],
    [100, undefined, "fail", "invalid_message", "Invalid parameter"],
    [
      131050,
      undefined,
      "fail",
      "invalid_message",
      "The customer stopped marketing messages from this business",
    ],
    // stop the channel
    [
      131048,
      undefined,
      "stop",
      "banned",
      "Spam rate limit hit: too many customers blocked or reported this number; sending is stopped",
    ],
    [
      368,
      undefined,
      "stop",
      "banned",
      "Temporarily blocked by Meta for policy violations; sending is stopped",
    ],
    // token
    [190, 463, "token", "logged_out", "The access token is no longer valid: it expired; enter a new token"],
    [190, undefined, "token", "logged_out", "The access token is no longer valid; enter a new token"],
    [
      10,
      undefined,
      "token",
      "logged_out",
      "The access token lacks a permission (whatsapp_business_messaging)",
    ],
    [200, undefined, "token", "logged_out", "The access token lacks a permission for this number"],
  ];
  it.each(table)("code %i (subcode %s) → %s / %s", (code, subcode, kind, transportCode, message) => {
    expect(classifyGraphError(code, subcode)).toEqual({ kind, transportCode, message });
  });

  it("says why a token is invalid from the subcode", () => {
    expect(classifyGraphError(190, 463).message).toMatch(/expired/);
    expect(classifyGraphError(190, 460).message).toMatch(/password/);
  });

  it("fails the recipient on a code it does not know (retrying would repeat it)", () => {
    expect(classifyGraphError(123456)).toMatchObject({ kind: "fail", transportCode: "invalid_message" });
    expect(classifyGraphError(132017).kind).toBe("fail");
  });
});

describe("GraphApiError and toTransportError", () => {
  it("reads a Graph error answer", () => {
    const e = GraphApiError.from(400, {
      error: {
        message: "(#131056) pair rate limit hit",
        type: "OAuthException",
        code: 131056,
        error_subcode: 2494055,
        error_data: { details: "Wait and retry" },
        fbtrace_id: "Axyz",
      },
    });
    expect(e).toMatchObject({
      httpStatus: 400,
      code: 131056,
      subcode: 2494055,
      details: "Wait and retry",
      fbtraceId: "Axyz",
    });
  });

  it("maps the classes to TransportError flags: retry → retryable, fail → final, stop / token → stopChannel", () => {
    const of = (code: number) =>
      toTransportError(GraphApiError.from(400, { error: { code, message: `(#${code})` } }));
    expect(of(131056)).toMatchObject({
      retryable: true,
      stopChannel: false,
      code: "rate_limited",
      graphCode: 131056,
    });
    expect(of(131026)).toMatchObject({ retryable: false, stopChannel: false, code: "invalid_message" });
    expect(of(131048)).toMatchObject({ retryable: false, stopChannel: true, code: "banned", kind: "stop" });
    expect(of(190)).toMatchObject({ retryable: false, stopChannel: true, code: "logged_out", kind: "token" });
    expect(of(131026).message).toMatch(/Meta #131026/);
  });

  it("retries a code-less 5xx or 429, fails other code-less answers", () => {
    expect(toTransportError(GraphApiError.from(502, "<html>")).retryable).toBe(true);
    expect(toTransportError(GraphApiError.from(429, undefined)).retryable).toBe(true);
    expect(toTransportError(GraphApiError.from(404, undefined)).retryable).toBe(false);
  });

  it("never retries a request that may have reached Meta (no idempotency key)", () => {
    expect(toTransportError(new GraphNetworkError("ECONNREFUSED", true))).toMatchObject({
      retryable: true,
      code: "network_error",
    });
    const unknown = toTransportError(new GraphNetworkError("timed out", false));
    expect(unknown).toMatchObject({ retryable: false, code: "network_error" });
    expect(unknown.message).toMatch(/not sent again/);
  });
});
