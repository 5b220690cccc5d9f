import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, ForbiddenContent, Loading } from '../../components/states';
import { useMe } from '../auth/use-me';
import { CallEditor } from './editor/call-editor';
import { useCall } from './use-call';

/** `/manage/calls/:id/edit`: change a call of a programme the user manages. */
export function EditCallPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const call = useCall(id);
  const me = useMe();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  return (
    <div className="page">
      <PageTitle title={call.data ? call.data.title : t('calls.editor.editTitle')} />
      {call.isPending ? (
        <Loading />
      ) : call.isError ? (
        call.error instanceof ApiError && (call.error.status === 404 || call.error.status === 400) ? (
          <EmptyState>
            <h1>{t('pages.notFound.title')}</h1>
            <p>{t('calls.detail.notFound')}</p>
            <p>
              <Link to="/manage/calls">{t('calls.editor.back')}</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : !me.data?.roles.some(
          (grant) => grant.role === 'PROGRAMME_MANAGER' && grant.programmeId === call.data.programme.id,
        ) ? (
        // A published call of another programme is readable by all, but only its managers may change it.
        <ForbiddenContent />
      ) : (
        // Keyed by call: another call gets a fresh form; a refetch of this one never overwrites the edits.
        <CallEditor
          key={call.data.id}
          mode="edit"
          call={call.data}
          notice={created ? t('calls.editor.created') : undefined}
        />
      )}
    </div>
  );
}
