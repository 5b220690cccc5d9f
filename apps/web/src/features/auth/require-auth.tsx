import type { Role } from '@kizuna/shared';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, ForbiddenContent, Loading } from '../../components/states';
import { useMe } from './use-me';

/** Where to come back to after logging in; only paths of this app, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/**
 * Guards the routes inside it: nobody signed in → /login?next=…; signed in without one of `roles` → Forbidden.
 * The server decides for every request anyway; this only spares people pages they cannot use.
 */
export function RequireAuth({ roles }: { roles?: readonly Role[] }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const to = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (roles && !me.data.roles.some((grant) => roles.includes(grant.role))) return <ForbiddenContent />;
  return <Outlet />;
}
