import { Navigate } from "react-router";
import { useCan } from "../api/session";
import { DashboardPage } from "../pages/dashboard/DashboardPage";

/**
 * The start page: the dashboard for those who may read the shop's figures (`reports.read`),
 * else the inbox, so customer-service staff land where they work (after sign-in too).
 */
export function HomeRoute() {
  const can = useCan();
  return can("reports.read") ? <DashboardPage /> : <Navigate to="/inbox" replace />;
}
