import { messageFate, type VirtualPhone } from '../../src/channels/sandbox/behaviour.js';

/** Where the sandbox will take a delivered message: its final receipt and whether the customer replies. */
export interface ExpectedFate {
  status: 'read' | 'delivered';
  replies: 0 | 1;
}

/**
 * The deterministic end state of message `messageId` to `phone` on a sandbox network with
 * `seed` (src/channels/sandbox/behaviour.ts decides it; the test only reads it).
 */
export function expectedFate(seed: string, phone: VirtualPhone, messageId: string): ExpectedFate {
  const steps = messageFate(seed, messageId, phone);
  return {
    status: steps.some((s) => s.kind === 'read') ? 'read' : 'delivered',
    replies: steps.some((s) => s.kind === 'reply') ? 1 : 0,
  };
}
