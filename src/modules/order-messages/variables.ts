/**
 * An order's variables for its messages (`{{order.number}}`, …) and the text of one event
 * rendered for the order's customer, with the templates module's renderer (contact variables
 * `{{name}}`, `{{phone}}` and attributes work as in campaigns).
 */
import { formatRupiah } from "../../lib/rupiah.js";
import { parseTemplate, renderTemplate } from "../templates/index.js";

/** The order statuses as the shop's customers read them (the orders page's Indonesian words). */
const STATUS_WORDS: Record<string, string> = {
  draft: "Draf",
  new: "Baru",
  confirmed: "Dikonfirmasi",
  paid: "Dibayar",
  packed: "Dikemas",
  shipped: "Dikirim",
  completed: "Selesai",
  cancelled: "Dibatalkan",
  returned: "Diretur",
};

/** What an order brings to its messages. Amounts are whole rupiah. */
export interface OrderForMessage {
  id: string;
  number: string;
  status: string;
  total: number;
  courier: string | null;
  trackingNumber: string | null;
  lines: ReadonlyArray<{ name: string; quantity: number }>;
}

/** The customer an order message goes to. */
export interface CustomerForMessage {
  name: string | null;
  phone: string;
  attributes: Record<string, string>;
}

/**
 * The order's variables by their dotted names: `order.total` "Rp150.000", `order.items`
 * "2× Kopi Susu 1 L, 1× Gula Aren 500 g", `order.status` in Indonesian; a courier or
 * tracking number the order lacks is absent (the text's fallback, `{{order.tracking|-}}`, applies).
 */
function orderVariables(order: OrderForMessage): Record<string, string> {
  const vars: Record<string, string> = {
    "order.number": order.number,
    "order.total": formatRupiah(order.total),
    "order.items": order.lines.map((l) => `${l.quantity}× ${l.name}`).join(", "),
    "order.status": STATUS_WORDS[order.status] ?? order.status,
  };
  if (order.courier) vars["order.courier"] = order.courier;
  if (order.trackingNumber) vars["order.tracking"] = order.trackingNumber;
  return vars;
}

/**
 * Renders `text` for the order's customer. `variables.used` lists the variables the text
 * uses (first-use order), `variables.values` every known value (contact and order, by name):
 * kept with the log row for a Cloud API template's parameters.
 */
export function renderOrderMessage(
  text: string,
  order: OrderForMessage,
  customer: CustomerForMessage,
): { text: string; missing: string[]; variables: { used: string[]; values: Record<string, string> } } {
  const orderVars = orderVariables(order);
  const parsed = parseTemplate(text);
  const rendered = renderTemplate(
    text,
    {
      ...(customer.name ? { name: customer.name } : {}),
      phone: customer.phone,
      attributes: { ...customer.attributes, ...orderVars },
    },
    order.id,
  );
  return {
    text: rendered.text,
    missing: rendered.missing,
    variables: {
      used: parsed.ok ? parsed.variables : [],
      values: {
        ...customer.attributes,
        ...(customer.name ? { name: customer.name } : {}),
        phone: customer.phone,
        ...orderVars,
      },
    },
  };
}
