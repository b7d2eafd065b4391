/**
 * The sandbox's in-process Graph API for sandbox Cloud API numbers (graph.ts), and how a
 * channel's GraphClient is pointed at it.
 */
import type { GraphFetch } from "../client.js";
import { isSandboxCloudApi } from "../config.js";
import { SANDBOX_GRAPH_BASE_URL, sandboxGraph } from "./graph.js";

export { sandboxGraph } from "./graph.js";

/**
 * Where a channel's Graph requests go: a sandbox number's (config `sandbox: true`) to the
 * process's sandbox Graph (its account registered here), any other to `graphBaseUrl`
 * through the outbound guard.
 */
export function graphTargetOf(
  channel: { id: string; phone?: string | null; config: Record<string, unknown> },
  ids: { phoneNumberId: string; wabaId: string },
  graphBaseUrl: string,
): { baseUrl: string; fetch?: GraphFetch } {
  if (!isSandboxCloudApi(channel.config)) return { baseUrl: graphBaseUrl };
  sandboxGraph.attach({ id: channel.id, phone: channel.phone ?? null }, ids);
  return { baseUrl: SANDBOX_GRAPH_BASE_URL, fetch: sandboxGraph.fetch };
}
