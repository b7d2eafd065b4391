import type { TransportKinds } from './factory.js';
import type { SandboxNetwork } from './sandbox/network.js';

/**
 * The transport kinds this build connects. The sandbox's transports come from the one
 * in-process network; a sandbox channel always has its number.
 */
export function transportKinds(sandbox: SandboxNetwork): TransportKinds {
  return {
    sandbox: {
      dedupes: true,
      create: ({ channel }) => {
        if (!channel.phone) throw new Error(`sandbox channel ${channel.id} has no number`);
        return sandbox.transport({ id: channel.id, phone: channel.phone, autoScan: false });
      },
    },
  };
}
