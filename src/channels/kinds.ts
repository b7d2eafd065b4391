import { createBaileysKind, type BaileysKindOptions } from "./baileys/index.js";
import { createCloudApiKind, type CloudApiKindOptions } from "./cloud-api/index.js";
import type { TransportKinds } from "./factory.js";
import type { SandboxNetwork } from "./sandbox/network.js";

/**
 * How the real transports reach their networks. Production leaves them empty (Baileys'
 * own socket; the Cloud API through the outbound guard to KABAR_CLOUD_API_BASE_URL); tests
 * give an offline Baileys socket, and a fake Graph on 127.0.0.1 through the operator settings.
 */
export interface TransportOptions {
  baileys?: BaileysKindOptions;
  cloudApi?: CloudApiKindOptions;
}

/**
 * The transport kinds this build connects: the sandbox's transports come from the one
 * in-process network (a sandbox channel always has its number); WhatsApp Web (`whatsapp_web`, through
 * the Baileys library) keeps its state in PostgreSQL; the Cloud API (`cloud_api`) talks to the Graph API.
 */
export function transportKinds(
  sandbox: SandboxNetwork,
  dataDir: string,
  opts: TransportOptions = {},
): TransportKinds {
  return {
    sandbox: {
      dedupes: true,
      create: ({ channel }) => {
        if (!channel.phone) throw new Error(`sandbox channel ${channel.id} has no number`);
        return sandbox.transport({
          id: channel.id,
          phone: channel.phone,
          autoScan: false,
          ...(channel.createdAt && { since: channel.createdAt.getTime() }),
        });
      },
    },
    whatsapp_web: createBaileysKind(opts.baileys),
    cloud_api: createCloudApiKind({ dataDir, ...opts.cloudApi }),
  };
}
