import { zodResolver } from '@hookform/resolvers/zod';
import { InstitutionRequestBodySchema, InstitutionSchema } from '@kizuna/shared';
import type { KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import type { Institution } from '../../api/reference';
import { ErrorAlert, SelectField, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { useRequestInstitution } from './use-request-institution';

type RequestInput = z.input<typeof InstitutionRequestBodySchema>;
type RequestBody = z.output<typeof InstitutionRequestBodySchema>;

const TYPES = InstitutionSchema.shape.type.options;
const FIELDS = ['name', 'shortName', 'countryCode', 'type', 'website'] as const;

/** An empty optional field is "not given" (null), as the contract wants it. */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/**
 * Asks for an institution missing from the directory: name, short name, country, type and website. It is not a
 * <form> of its own, since the picker sits inside other forms: Enter in its fields sends the request, not the form
 * around it. A 409 means the directory has it already (or someone asked for it): search for it instead.
 */
export function RequestInstitutionForm({
  countries,
  initialCountry,
  initialName,
  onCreated,
  onCancel,
}: {
  countries: readonly { code: string; name: string }[];
  initialCountry: string;
  initialName: string;
  onCreated: (institution: Institution) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const request = useRequestInstitution();
  const form = useForm<RequestInput, unknown, RequestBody>({
    resolver: zodResolver(InstitutionRequestBodySchema, zodIssueOptions),
    defaultValues: {
      name: initialName,
      shortName: null,
      countryCode: initialCountry,
      type: 'UNIVERSITY',
      website: null,
    },
  });
  const { errors } = form.formState;
  const exists = request.error instanceof ApiError && request.error.status === 409;

  const send = form.handleSubmit(async (body) => {
    try {
      onCreated(await request.mutateAsync(body));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) applyServerErrors(error, form.setError, FIELDS);
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <fieldset className="card stack-tight request-institution" data-testid="request-institution" onKeyDown={onKeyDown}>
      <legend>{t('proposals.institution.requestTitle')}</legend>
      <p className="muted small">{t('proposals.institution.requestIntro')}</p>
      {exists ? (
        <div className="alert alert-error" role="alert" data-testid="institution-exists">
          <p>{t('proposals.institution.exists')}</p>
        </div>
      ) : (
        <ErrorAlert error={request.error instanceof ApiError && request.error.status === 400 ? null : request.error} />
      )}
      <TextField
        label={t('proposals.institution.requestName')}
        maxLength={200}
        autoComplete="organization"
        error={errors.name}
        {...form.register('name')}
      />
      <div className="grid-3">
        <TextField
          label={t('proposals.institution.requestShortName')}
          hint={t('proposals.institution.optional')}
          maxLength={40}
          error={errors.shortName}
          {...form.register('shortName', { setValueAs: blankToNull })}
        />
        <SelectField
          label={t('proposals.institution.requestCountry')}
          error={errors.countryCode}
          {...form.register('countryCode')}
        >
          <option value="">{t('proposals.institution.chooseCountry')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('proposals.institution.requestType')} error={errors.type} {...form.register('type')}>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`proposals.institution.types.${type}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('proposals.institution.requestWebsite')}
        hint={t('proposals.institution.websiteHint')}
        type="url"
        maxLength={300}
        placeholder="https://"
        error={errors.website}
        {...form.register('website', { setValueAs: blankToNull })}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={request.isPending}
          aria-busy={request.isPending || undefined}
          onClick={() => void send()}
        >
          {request.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {t('proposals.institution.requestSubmit')}
        </button>
        <button type="button" className="button" disabled={request.isPending} onClick={onCancel}>
          {t('proposals.institution.requestCancel')}
        </button>
      </div>
    </fieldset>
  );
}
