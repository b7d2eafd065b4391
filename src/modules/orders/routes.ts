import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { commonErrors } from "../../lib/common-errors.js";
import { PROVINCES } from "../../lib/regions/provinces.js";
import {
  createOrderBody,
  exportOrdersQuery,
  listOrdersQuery,
  orderPage,
  orderSchema,
  orderStatusBody,
  provinceSchema,
  updateOrderBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The `Idempotency-Key` header: 1–200 visible characters. @throws KabarError 400 naming the header */
function idempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  if (key.length < 1 || key.length > 200) {
    throw commonErrors.validationFailed({ fields: { "Idempotency-Key": "1 to 200 characters" } });
  }
  return key;
}

/** Orders: list, export, create (also by the order API), read, edit, move; and the provinces list. */
export function orderRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["orders"];
  app.get(
    "/provinces",
    {
      schema: {
        tags,
        description: "Indonesia's 38 provinces (code, name) for addresses",
        response: { 200: z.array(provinceSchema) },
      },
    },
    () => PROVINCES.map((p) => ({ code: p.code, name: p.name })),
  );
  app.get(
    "/orders",
    {
      config: { apiKey: true },
      schema: { tags, querystring: listOrdersQuery, response: { 200: orderPage } },
    },
    (req) => services.orders.list(req.actor, req.query),
  );
  app.get(
    "/orders/export",
    {
      schema: {
        tags,
        querystring: exportOrdersQuery,
        description:
          "Every order matching the list filters as a CSV or XLSX download (owners only), in the shop's language: number, date (shop time zone), status, customer, phone, products, amounts in rupiah, payment, address, courier, tracking number, notes.",
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const file = await services.orders.exportFile(req.actor, filters, format);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="pesanan-${stamp}.${format}"`)
        .send(file);
    },
  );
  app.post(
    "/orders",
    {
      config: { apiKey: true },
      schema: {
        tags,
        body: createOrderBody,
        description:
          "Takes an order. Lines name products by `productId` or `sku`; the customer is a contact by id, or found or created by phone. With an `Idempotency-Key` header (or an `externalId`), a retried request returns the first order (200, header `Idempotent-Replayed: true`) and the same key with another body is 409 `idempotency_conflict`. Machine clients: an API key with the `orders:write` scope.",
        response: { 200: orderSchema, 201: orderSchema },
      },
    },
    async (req, reply) => {
      const key = idempotencyKey(req.headers["idempotency-key"]);
      const { order, replayed } = await services.orders.create(req.actor, req.body, { idempotencyKey: key });
      if (replayed) reply.header("idempotent-replayed", "true");
      return reply.status(replayed ? 200 : 201).send(order);
    },
  );
  app.get(
    "/orders/:id",
    { config: { apiKey: true }, schema: { tags, params: idParams, response: { 200: orderSchema } } },
    (req) => services.orders.get(req.actor, req.params.id),
  );
  app.patch(
    "/orders/:id",
    {
      schema: {
        tags,
        params: idParams,
        body: updateOrderBody,
        description:
          "Edits an open order: lines, amounts and payment method only while `draft` or `new` (else 409 `order_locked`); address, notes, courier, tracking number until it is completed, cancelled or returned.",
        response: { 200: orderSchema },
      },
    },
    (req) => services.orders.update(req.actor, req.params.id, req.body),
  );
  app.post(
    "/orders/:id/status",
    {
      config: { apiKey: true },
      schema: {
        tags,
        params: idParams,
        body: orderStatusBody,
        description:
          "Moves the order along `draft → new → confirmed → paid → packed → shipped → completed` (forward, skipping steps is allowed), or to `cancelled` / `returned` with a reason from any open state. Anything else is 409 `illegal_order_transition`. The order's `next` lists what is allowed now.",
        response: { 200: orderSchema },
      },
    },
    (req) => services.orders.move(req.actor, req.params.id, req.body),
  );
}
