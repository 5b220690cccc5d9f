import { DEFAULT_THEMES, type FieldError as ProblemFieldError, type ReviewerProfile } from '@kizuna/shared';
import { useState } from 'react';
import { Controller, type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SubmitButton, SuccessMessage, TextAreaField, TextField } from '../../../components/form';
import { PageTitle } from '../../../components/page-title';
import { ErrorState, Loading } from '../../../components/states';
import { issueMessage } from '../../../i18n/messages';
import { encodeIssue } from '../../../lib/form-errors';
import { useCountryName } from '../../calls/call-text';
import { asNumber } from '../../calls/editor/call-form';
import { anyError, CheckboxGroup, EditorPart, ErrorText, listError, Row } from '../../calls/editor/fields';
import { InstitutionPicker } from '../../proposals/institution-picker';
import {
  isStaleProfile,
  type ProfileBody,
  type ProfileValues,
  profileFieldFor,
  profileResolver,
  profileToValues,
} from './profile-form';
import { useReviewerProfile } from './use-reviewer-profile';
import { useSaveReviewerProfile } from './use-save-reviewer-profile';

function ProfileForm({ profile, onReload }: { profile: ReviewerProfile; onReload: () => Promise<ReviewerProfile> }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const save = useSaveReviewerProfile();
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [leftovers, setLeftovers] = useState<ProblemFieldError[]>([]);
  const form = useForm<ProfileValues, unknown, ProfileBody>({
    resolver: profileResolver,
    defaultValues: profileToValues(profile),
  });
  const { register, control, formState } = form;
  const { errors, isDirty } = formState;
  const publications = useFieldArray({ control, name: 'publications' });
  const affiliations = useFieldArray({ control, name: 'affiliations' });

  const onSubmit = form.handleSubmit(async (body) => {
    setSaved(false);
    setStale(false);
    setLeftovers([]);
    try {
      const next = await save.mutateAsync(body);
      form.reset(profileToValues(next));
      setSaved(true);
    } catch (error) {
      if (isStaleProfile(error) || (error instanceof ApiError && error.status === 409)) {
        setStale(true);
        return;
      }
      if (!(error instanceof ApiError)) return;
      const unplaced: ProblemFieldError[] = [];
      let first = true;
      for (const fieldError of error.problem.errors ?? []) {
        const path = fieldError.path.replace(/^body\./, '');
        const field = profileFieldFor(path);
        if (!field) {
          unplaced.push({ ...fieldError, path });
          continue;
        }
        form.setError(
          field as FieldPath<ProfileValues>,
          { type: 'server', message: encodeIssue({ code: fieldError.code, params: fieldError.params }) },
          { shouldFocus: first },
        );
        first = false;
      }
      setLeftovers(unplaced);
    }
  });

  const reload = async () => {
    setReloading(true);
    try {
      const current = await onReload();
      form.reset(profileToValues(current));
      setStale(false);
      save.reset();
    } finally {
      setReloading(false);
    }
  };

  const themeOptions = DEFAULT_THEMES.map((theme) => ({ value: theme, label: t(`calls.themes.${theme}`) }));

  return (
    <form onSubmit={onSubmit} noValidate className="stack editor" aria-label={t('reviews.profile.title')}>
      {stale && (
        <div className="alert alert-warning" role="alert" data-testid="profile-stale">
          <p>{t('reviews.profile.stale')}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={reloading}
            aria-busy={reloading || undefined}
            onClick={() => void reload()}
          >
            {t('reviews.profile.reload')}
          </button>
        </div>
      )}
      {saved && !isDirty && <SuccessMessage>{t('reviews.profile.saved')}</SuccessMessage>}
      {!stale && (
        <ErrorAlert error={save.error}>
          {leftovers.length > 0 && (
            <ul>
              {leftovers.map((error) => (
                <li key={`${error.path}:${error.code}`}>
                  <code>{error.path}</code> {issueMessage(t, error)}
                </li>
              ))}
            </ul>
          )}
        </ErrorAlert>
      )}

      <EditorPart id="expertise" title={t('reviews.profile.parts.expertise')}>
        <TextField
          label={t('reviews.profile.fields.keywords')}
          hint={t('reviews.profile.hints.keywords')}
          error={anyError(errors.keywords)}
          {...register('keywords')}
        />
        <TextAreaField
          label={t('reviews.profile.fields.expertise')}
          hint={t('reviews.profile.hints.expertise')}
          rows={5}
          maxLength={5000}
          error={errors.expertise}
          {...register('expertise')}
        />
        <Controller
          control={control}
          name="themes"
          render={({ field }) => (
            <CheckboxGroup
              legend={t('reviews.profile.fields.themes')}
              options={themeOptions}
              value={field.value}
              onChange={field.onChange}
              error={anyError(errors.themes)}
              testId="profile-themes"
            />
          )}
        />
        <TextField
          label={t('reviews.profile.fields.otherThemes')}
          hint={t('reviews.profile.hints.otherThemes')}
          {...register('otherThemes')}
        />
      </EditorPart>

      <EditorPart
        id="publications"
        title={t('reviews.profile.parts.publications')}
        intro={<p className="muted small">{t('reviews.profile.hints.publications')}</p>}
      >
        <ErrorText id="profile-publications-error" error={listError(errors.publications)} />
        {publications.fields.length === 0 && <p className="muted">{t('reviews.profile.noPublications')}</p>}
        {publications.fields.map((item, index) => (
          <Row
            key={item.id}
            label={t('reviews.profile.publicationRow', { index: index + 1 })}
            testId={`publication-row-${index}`}
            onRemove={() => publications.remove(index)}
            removeLabel={t('reviews.profile.removePublication', { index: index + 1 })}
          >
            <TextField
              label={t('reviews.profile.fields.publicationTitle')}
              maxLength={300}
              error={errors.publications?.[index]?.title}
              {...register(`publications.${index}.title`)}
            />
            <TextAreaField
              label={t('reviews.profile.fields.publicationAbstract')}
              rows={3}
              maxLength={3000}
              error={errors.publications?.[index]?.abstract}
              {...register(`publications.${index}.abstract`)}
            />
          </Row>
        ))}
        <p>
          <button
            type="button"
            className="button"
            disabled={publications.fields.length >= 20}
            onClick={() => publications.append({ title: '', abstract: '' })}
          >
            {t('reviews.profile.addPublication')}
          </button>
        </p>
      </EditorPart>

      <EditorPart
        id="affiliations"
        title={t('reviews.profile.parts.affiliations')}
        intro={
          <>
            <p className="muted small">{t('reviews.profile.hints.affiliations')}</p>
            <p data-testid="profile-institution">
              {profile.institution
                ? t('reviews.profile.currentInstitution', {
                    institution: profile.institution.name,
                    country: countryName(profile.institution.countryCode),
                  })
                : t('reviews.profile.noInstitution')}
            </p>
          </>
        }
      >
        <ErrorText id="profile-affiliations-error" error={listError(errors.affiliations)} />
        {affiliations.fields.length === 0 && <p className="muted">{t('reviews.profile.noAffiliations')}</p>}
        {affiliations.fields.map((item, index) => (
          <Row
            key={item.id}
            label={t('reviews.profile.affiliationRow', { index: index + 1 })}
            testId={`affiliation-row-${index}`}
            onRemove={() => affiliations.remove(index)}
            removeLabel={t('reviews.profile.removeAffiliation', { index: index + 1 })}
          >
            {item.institutionName && (
              <p className="small">{t('reviews.profile.affiliationSaved', { institution: item.institutionName })}</p>
            )}
            <Controller
              control={control}
              name={`affiliations.${index}.institutionId`}
              render={({ field }) => (
                <InstitutionPicker
                  label={t('reviews.profile.fields.institution')}
                  value={field.value}
                  onChange={field.onChange}
                  error={errors.affiliations?.[index]?.institutionId}
                />
              )}
            />
            <div className="grid-2">
              <TextField
                label={t('reviews.profile.fields.startedOn')}
                type="date"
                error={errors.affiliations?.[index]?.startedOn}
                {...register(`affiliations.${index}.startedOn`)}
              />
              <TextField
                label={t('reviews.profile.fields.endedOn')}
                hint={t('reviews.profile.hints.endedOn')}
                type="date"
                error={errors.affiliations?.[index]?.endedOn}
                {...register(`affiliations.${index}.endedOn`)}
              />
            </div>
          </Row>
        ))}
        <p>
          <button
            type="button"
            className="button"
            disabled={affiliations.fields.length >= 20}
            onClick={() => affiliations.append({ institutionId: '', institutionName: '', startedOn: '', endedOn: '' })}
          >
            {t('reviews.profile.addAffiliation')}
          </button>
        </p>
      </EditorPart>

      <EditorPart id="collaborators" title={t('reviews.profile.parts.collaborators')}>
        <TextAreaField
          label={t('reviews.profile.fields.collaborators')}
          hint={t('reviews.profile.hints.collaborators')}
          rows={5}
          error={anyError(errors.collaborators)}
          {...register('collaborators')}
        />
      </EditorPart>

      <EditorPart id="availability" title={t('reviews.profile.parts.availability')}>
        <TextField
          label={t('reviews.profile.fields.maxLoadPerCall')}
          hint={t('reviews.profile.hints.maxLoadPerCall')}
          type="number"
          min={1}
          max={50}
          error={errors.maxLoadPerCall}
          {...register('maxLoadPerCall', { setValueAs: asNumber })}
        />
        <label className="checkbox">
          <input type="checkbox" {...register('available')} />
          {t('reviews.profile.fields.available')}
        </label>
        <TextField
          label={t('reviews.profile.fields.unavailableUntil')}
          hint={t('reviews.profile.hints.unavailableUntil')}
          type="date"
          error={errors.unavailableUntil}
          {...register('unavailableUntil')}
        />
      </EditorPart>

      <div className="editor-actions">
        <SubmitButton pending={save.isPending} label={t('reviews.profile.save')} />
        {isDirty && <span className="muted small">{t('reviews.profile.unsaved')}</span>}
      </div>
    </form>
  );
}

/** `/reviewer/profile`: what the assignment matches proposals against, and what conflicts are detected from. */
export function ReviewerProfilePage() {
  const { t } = useTranslation();
  const profile = useReviewerProfile();
  return (
    <div className="page">
      <PageTitle title={t('reviews.profile.title')} />
      <p className="breadcrumb">
        <Link to="/reviews">{t('reviews.mine.title')}</Link>
      </p>
      <h1>{t('reviews.profile.title')}</h1>
      <p className="muted">{t('reviews.profile.intro')}</p>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <ProfileForm
          // A reload starts the form again from the server's profile.
          profile={profile.data}
          onReload={async () => {
            const result = await profile.refetch();
            if (result.data) return result.data;
            throw result.error;
          }}
        />
      )}
    </div>
  );
}
