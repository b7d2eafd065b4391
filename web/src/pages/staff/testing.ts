/** Test data of the staff pages: the roles GET /roles answers for a shop with one custom role. */
import type { Role, StaffUser } from "../../api/types";
import { AGENT, OWNER } from "../automation/testing";

/** The custom role "Gudang": orders and products, read only. */
export const GUDANG: Role = {
  id: "99999999-9999-4999-8999-999999999999",
  key: "custom",
  name: "Gudang",
  builtIn: false,
  permissions: ["products.read", "orders.read"],
  clonedFrom: null,
};

/** Built-in owner and agent (the others are alike), then "Gudang". */
export const ROLES: Role[] = [
  { id: null, key: "owner", name: "owner", builtIn: true, permissions: OWNER.permissions, clonedFrom: null },
  { id: null, key: "agent", name: "agent", builtIn: true, permissions: AGENT.permissions, clonedFrom: null },
  GUDANG,
];

/** A user as GET /users lists them; active, own password. */
export const staffUser = (patch: Partial<StaffUser>): StaffUser => ({
  id: "u9",
  email: "x@toko.test",
  name: "X",
  role: "agent",
  roleId: null,
  outletIds: [],
  mustChangePassword: false,
  deactivatedAt: null,
  createdAt: "2026-12-01T00:00:00Z",
  ...patch,
});
