import type { ErrorCode } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { ApiError } from '../api/client';
import { decodeIssue, type Issue } from '../lib/form-errors';
import type { en } from './en';

type ProblemKey = keyof typeof en.errors.problem;

// A new domain error code in @kizuna/shared fails typecheck here until en.ts (and so ja.ts) has a message for it.
type Assert<T extends true> = T;
export type EveryErrorCodeHasAMessage = Assert<ErrorCode extends ProblemKey ? true : false>;

const problemKeys: Record<ProblemKey, true> = {
  validation_failed: true,
  malformed_request: true,
  unauthenticated: true,
  invalid_credentials: true,
  email_not_verified: true,
  forbidden: true,
  not_found: true,
  method_not_allowed: true,
  conflict: true,
  call_closed: true,
  call_not_open: true,
  token_invalid: true,
  payload_too_large: true,
  unsupported_media_type: true,
  rate_limited: true,
  internal: true,
  unavailable: true,
  network_error: true,
};

function isProblemKey(code: string): code is ProblemKey {
  return Object.hasOwn(problemKeys, code);
}

/** A translated sentence for any error a call or a page can throw. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
    return t('errors.retryIn', { seconds: error.retryAfter });
  }
  return isProblemKey(error.code) ? t(`errors.problem.${error.code}`) : t('errors.generic');
}

function numberParam(params: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = params?.[name];
  return typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : undefined;
}

/** A translated sentence for one validation issue (zod issue code or server field error code). */
export function issueMessage(t: TFunction, issue: Issue): string {
  const { params } = issue;
  const origin = params?.origin;
  const minimum = numberParam(params, 'minimum');
  const maximum = numberParam(params, 'maximum');
  switch (issue.code) {
    case 'too_small':
      if (minimum === undefined) return t('fieldErrors.invalid');
      if (origin === 'string') return minimum <= 1 ? t('fieldErrors.required') : t('fieldErrors.tooShort', { minimum });
      if (origin === 'array' || origin === 'set') return t('fieldErrors.tooFew', { minimum });
      return t('fieldErrors.tooSmall', { minimum });
    case 'too_big':
      if (maximum === undefined) return t('fieldErrors.invalid');
      if (origin === 'string') return t('fieldErrors.tooLong', { maximum });
      if (origin === 'array' || origin === 'set') return t('fieldErrors.tooMany', { maximum });
      return t('fieldErrors.tooBig', { maximum });
    case 'invalid_format':
      return params?.format === 'email' ? t('fieldErrors.email') : t('fieldErrors.format');
    case 'invalid_type':
      return params?.missing ? t('fieldErrors.required') : t('fieldErrors.invalidType');
    case 'invalid_value':
      return t('fieldErrors.invalidValue');
    case 'required':
      return t('fieldErrors.required');
    case 'passwords_do_not_match':
      return t('fieldErrors.passwordsDoNotMatch');
    case 'wrong_password':
      return t('fieldErrors.incorrectPassword');
    case 'unknown_programme':
      return t('fieldErrors.unknownProgramme');
    case 'unknown_agency':
      return t('fieldErrors.unknownAgency');
    case 'taken':
      return t('fieldErrors.taken');
    case 'in_past':
      return t('fieldErrors.inPast');
    case 'stale_version':
      return t('fieldErrors.staleVersion');
    case 'weights_total':
      return t('fieldErrors.weightsTotal');
    case 'closes_before_opens':
      return t('fieldErrors.closesBeforeOpens');
    case 'scale_max_not_above_min':
      return t('fieldErrors.scaleMaxNotAboveMin');
    case 'duplicate_keys':
      return t('fieldErrors.duplicateKeys');
    case 'duplicate_agency':
      return t('fieldErrors.duplicateAgency');
    case 'duplicate_currency':
      return t('fieldErrors.duplicateCurrency');
    case 'unknown_institution':
      return t('fieldErrors.unknownInstitution');
    case 'already_partner':
      return t('fieldErrors.alreadyPartner');
    case 'not_a_partner':
      return t('fieldErrors.notAPartner');
    case 'too_early':
      return t('fieldErrors.tooEarly');
    case 'ends_before_start':
      return t('fieldErrors.endsBeforeStart');
    case 'out_of_scale': {
      const min = numberParam(params, 'min');
      const max = numberParam(params, 'max');
      return min === undefined || max === undefined
        ? t('fieldErrors.invalid')
        : t('fieldErrors.outOfScale', { min, max });
    }
    case 'unknown_criterion':
      return t('fieldErrors.unknownCriterion');
    case 'too_short':
      return t('fieldErrors.writeMore');
    case 'invalid_emails':
      return t('fieldErrors.invalidEmails', { emails: String(params?.emails ?? '') });
    case 'not_assignable':
      return t('fieldErrors.notAssignable');
    case 'not_in_pool':
      return t('fieldErrors.notInPool');
    case 'unknown_proposal':
      return t('fieldErrors.unknownProposal');
    case 'unknown_reviewer':
      return t('fieldErrors.unknownReviewer');
    case 'outside_work_package': {
      const startMonth = numberParam(params, 'startMonth');
      const endMonth = numberParam(params, 'endMonth');
      return startMonth === undefined || endMonth === undefined
        ? t('fieldErrors.invalid')
        : t('fieldErrors.outsideWorkPackage', { startMonth, endMonth });
    }
    case 'after_duration': {
      const duration = numberParam(params, 'duration');
      return duration === undefined ? t('fieldErrors.invalid') : t('fieldErrors.afterDuration', { duration });
    }
    case 'unknown_partner':
      return t('fieldErrors.unknownPartner');
    case 'duplicate':
      return t('fieldErrors.duplicate');
    case 'unknown_country':
      return t('fieldErrors.unknownCountry');
    default:
      return t('fieldErrors.invalid');
  }
}

/** A react-hook-form field error, translated: encoded issues by code, anything else as "not valid". */
export function fieldErrorMessage(t: TFunction, error: Pick<FieldError, 'message' | 'type'>): string {
  const issue = decodeIssue(error.message);
  if (issue) return issueMessage(t, issue);
  return issueMessage(t, { code: typeof error.type === 'string' ? error.type : 'custom' });
}
