import { Navigate } from "react-router";
import { useCan, useTenant } from "../api/session";
import { DashboardPage } from "../pages/dashboard/DashboardPage";
import { visibleNav } from "./nav";

/**
 * The start page: the dashboard for those who may read the shop's figures (`reports.read`),
 * else the first page of the navigation they may open — the inbox for customer-service
 * staff, so they land where they work (after sign-in too); the orders for a custom role
 * that holds only `orders.read`.
 */
export function HomeRoute() {
  const can = useCan();
  const tenant = useTenant();
  if (can("reports.read")) return <DashboardPage />;
  const first = visibleNav(can, tenant.data?.disabledModules ?? [])[0];
  return <Navigate to={first?.to ?? "/inbox"} replace />;
}
