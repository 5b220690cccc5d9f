import { zodResolver } from '@hookform/resolvers/zod';
import { ProgrammeInputSchema } from '@kizuna/shared';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { ErrorAlert, SubmitButton, SuccessMessage, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { useMe } from '../auth/use-me';
import { mayCreateProgrammes } from './manage-calls-page';
import { useCreateProgramme } from './use-create-programme';

const EMPTY: z.input<typeof ProgrammeInputSchema> = { name: '', slug: '', description: '' };

/** "Climate Resilience 2027" → "climate-resilience-2027". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function ForbiddenExplanation() {
  const { t } = useTranslation();
  return (
    <div className="state state-forbidden" data-testid="programme-forbidden">
      <h2>{t('calls.programme.forbiddenTitle')}</h2>
      <p>{t('calls.programme.forbiddenBody')}</p>
      <p>
        <Link to="/manage/calls">{t('calls.programme.backToCalls')}</Link>
      </p>
    </div>
  );
}

/** `/manage/programmes/new`: a programme manager not bound to one programme creates a programme. */
export function NewProgrammePage() {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateProgramme();
  const form = useForm<z.input<typeof ProgrammeInputSchema>, unknown, z.output<typeof ProgrammeInputSchema>>({
    resolver: zodResolver(ProgrammeInputSchema, zodIssueOptions),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const forbidden = !mayCreateProgrammes(me.data) || (create.error instanceof ApiError && create.error.status === 403);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      form.reset(EMPTY);
    } catch (error) {
      applyServerErrors(error, form.setError, ['name', 'slug', 'description']);
    }
  });

  const name = form.register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (!form.getFieldState('slug').isDirty) form.setValue('slug', slugify(event.target.value));
    },
  });
  const created = create.data;

  return (
    <div className="page">
      <PageTitle title={t('calls.programme.title')} />
      <p className="breadcrumb">
        <Link to="/manage/calls">{t('calls.programme.backToCalls')}</Link>
      </p>
      <h1>{t('calls.programme.title')}</h1>
      {forbidden ? (
        <ForbiddenExplanation />
      ) : (
        <section className="card">
          <p className="muted">{t('calls.programme.intro')}</p>
          {created && (
            <SuccessMessage>
              <p>{t('calls.programme.created', { name: created.name })}</p>
              <p>
                <Link to={`/manage/calls/new?programme=${created.id}`}>{t('calls.programme.newCallIn')}</Link>
              </p>
            </SuccessMessage>
          )}
          <form onSubmit={onSubmit} noValidate className="stack">
            <ErrorAlert error={create.error} />
            <TextField label={t('calls.programme.name')} maxLength={200} error={errors.name} {...name} />
            <TextField
              label={t('calls.programme.slug')}
              hint={t('calls.programme.slugHint')}
              maxLength={80}
              error={errors.slug}
              {...form.register('slug')}
            />
            <TextAreaField
              label={t('calls.programme.description')}
              rows={4}
              maxLength={5000}
              error={errors.description}
              {...form.register('description')}
            />
            <SubmitButton pending={create.isPending} label={t('calls.programme.submit')} />
          </form>
        </section>
      )}
    </div>
  );
}
