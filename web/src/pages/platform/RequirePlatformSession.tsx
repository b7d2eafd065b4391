import { Navigate, Outlet, useLocation } from "react-router";
import { usePlatformMe } from "../../api/platform";
import { PageLoading } from "../../components/PageLoading";
import { QueryState } from "../../components/QueryState";

/**
 * Shows the console to a signed-in platform admin only (GET /platform/auth/me); without
 * that session (a 401, a shop user's session included) it goes to the platform's sign-in and
 * comes back after.
 */
export function RequirePlatformSession() {
  const me = usePlatformMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError && (me.error as { status?: number }).status === 401) {
    const next = location.pathname + location.search;
    const query = next === "/platform" ? "" : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/platform/sign-in${query}`} replace />;
  }
  return <QueryState query={me}>{() => <Outlet />}</QueryState>;
}
