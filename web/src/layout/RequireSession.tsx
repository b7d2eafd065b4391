import { Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/session";
import { PageLoading } from "../components/PageLoading";
import { QueryState } from "../components/QueryState";
import { ForcedPasswordChange } from "../pages/auth/ForcedPasswordChange";
import { RealtimeProvider } from "../realtime/RealtimeProvider";

/**
 * Shows its routes to a signed-in user only; others go to sign-in (and come back after).
 * A user with a temporary password sees only the forced change until they change it.
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.data === null || (me.isError && (me.error as { status?: number }).status === 401)) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  if (me.data?.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <QueryState query={me}>
      {() => (
        <RealtimeProvider>
          <Outlet />
        </RealtimeProvider>
      )}
    </QueryState>
  );
}
