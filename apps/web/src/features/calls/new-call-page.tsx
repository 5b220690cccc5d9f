import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorState, Loading } from '../../components/states';
import { useMe } from '../auth/use-me';
import { CallEditor } from './editor/call-editor';
import { NoProgrammes } from './manage-calls-page';
import { useManagedProgrammes } from './use-managed-programmes';

/** `/manage/calls/new[?programme=<id>]`: a new draft call in one of the user's programmes. */
export function NewCallPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams] = useSearchParams();
  const programmes = useManagedProgrammes();
  const wanted = searchParams.get('programme') ?? undefined;
  return (
    <div className="page">
      <PageTitle title={t('calls.editor.newTitle')} />
      {programmes.isPending ? (
        <Loading />
      ) : programmes.isError ? (
        <ErrorState error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : programmes.data.length === 0 ? (
        <>
          <h1>{t('calls.editor.newTitle')}</h1>
          <NoProgrammes me={me.data} />
        </>
      ) : (
        <CallEditor
          mode="create"
          programmes={programmes.data}
          defaultProgrammeId={programmes.data.some((p) => p.id === wanted) ? wanted : undefined}
        />
      )}
    </div>
  );
}
