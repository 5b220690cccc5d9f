import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { problemMessage } from '../i18n/messages';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** Content shown instead of a page or section the user may not see. */
export function ForbiddenContent() {
  const { t } = useTranslation();
  return (
    <div className="state state-forbidden" data-testid="forbidden">
      <h1>{t('pages.forbidden.title')}</h1>
      <p>{t('pages.forbidden.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </div>
  );
}

/** A failed query: forbidden answers get the forbidden state, anything else a translated message and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenContent />;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <div className="state state-error alert alert-error" role="alert">
      <p>{problemMessage(t, error)}</p>
      {requestId && <p className="muted small">{t('errors.reference', { requestId })}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

interface PagedData {
  items: readonly unknown[];
}

/**
 * The states of a paginated list query: loading, error (with retry), empty (with a way back
 * to the first page when a later page came back empty), or the list itself.
 */
export function ListStates<T extends PagedData>({
  query,
  page,
  onFirstPage,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  page: number;
  onFirstPage: () => void;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.isError || !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) {
    return (
      <EmptyState>
        {empty}
        {page > 1 && (
          <button type="button" className="button" onClick={onFirstPage}>
            {t('common.firstPage')}
          </button>
        )}
      </EmptyState>
    );
  }
  return <>{children(query.data)}</>;
}
