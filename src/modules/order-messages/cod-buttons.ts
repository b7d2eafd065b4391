/**
 * The reply buttons of a COD confirmation (cod.ts), apart so the sender (send.ts) can add
 * them without importing the COD wait itself.
 */

/** The prefix of the ids of the COD question's reply buttons. */
export const COD_BUTTON = "cod:";

/**
 * The reply buttons of a COD question or reminder for `orderId` (sent on Cloud API numbers
 * inside the 24-hour window): titles YA and BATAL, the words the message asks for; ids that
 * carry the answer and the order, so a tap under an older order's question is not taken for
 * the waiting one.
 */
export function codButtons(orderId: string): Array<{ id: string; title: string }> {
  return [
    { id: `${COD_BUTTON}yes:${orderId}`, title: "YA" },
    { id: `${COD_BUTTON}cancel:${orderId}`, title: "BATAL" },
  ];
}
