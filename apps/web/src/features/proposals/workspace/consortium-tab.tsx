import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, InviteBodySchema, type Proposal } from '@kizuna/shared';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SelectField, SubmitButton, SuccessMessage, TextField } from '../../../components/form';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { formatDate } from '../../../lib/format';
import { useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { InstitutionPicker } from '../institution-picker';
import { useInvitations } from '../use-invitations';
import { useInvite } from '../use-invite';
import { useRevokeInvitation } from '../use-revoke-invitation';

type InviteInput = z.input<typeof InviteBodySchema>;
type InviteOutput = z.output<typeof InviteBodySchema>;

function Partners({ proposal, call }: { proposal: Proposal; call: Call }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  return (
    <div className="table-wrap">
      <table data-testid="partners">
        <caption>{t('proposals.consortium.partners', { partners: proposal.partners.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('proposals.consortium.institution')}</th>
            <th scope="col">{t('proposals.consortium.country')}</th>
            <th scope="col">{t('proposals.consortium.agency')}</th>
            <th scope="col">{t('proposals.consortium.currency')}</th>
            <th scope="col">{t('proposals.consortium.members')}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.partners.map((partner) => {
            const agencyName = partner.agency
              ? call.agencies.find((a) => a.agencyId === partner.agency?.id)?.name
              : undefined;
            return (
              <tr
                key={partner.id}
                data-testid="partner-row"
                data-country={partner.institution.countryCode}
                data-role={partner.role}
              >
                <th scope="row">
                  {partner.institution.name}{' '}
                  {partner.role === 'LEAD' && <span className="tag">{t('proposals.consortium.lead')}</span>}
                </th>
                <td>{countryName(partner.institution.countryCode)}</td>
                <td>
                  {partner.agency ? (
                    <abbr title={agencyName}>{partner.agency.acronym}</abbr>
                  ) : (
                    <span className="field-warning">{t('proposals.consortium.noAgency')}</span>
                  )}
                </td>
                <td>{partner.currency}</td>
                <td>
                  <ul className="plain-list">
                    {partner.members.map((member) => (
                      <li key={member.userId}>
                        {member.displayName}{' '}
                        <span className="muted small">
                          {t(`proposals.roles.${member.role}`)} · {member.email}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function InviteForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const invite = useInvite(proposal.id);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<InviteInput, unknown, InviteOutput>({
    resolver: zodResolver(InviteBodySchema, zodIssueOptions),
    defaultValues: { email: '', role: 'PARTNER_PI', institutionId: '' },
  });
  const role = useWatch({ control: form.control, name: 'role' });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setSentTo(null);
    try {
      await invite.mutateAsync(body);
      setSentTo(body.email);
      form.reset({ email: '', role: body.role, institutionId: '' });
    } catch (error) {
      applyServerErrors(error, form.setError, ['email', 'role', 'institutionId']);
    }
  });

  // The API says 409 when the person is in the consortium already.
  const alreadyMember =
    invite.error instanceof ApiError && invite.error.status === 409 && invite.error.code === 'conflict';

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card stack"
      aria-labelledby="invite-title"
      data-testid="invite-form"
    >
      <h2 id="invite-title">{t('proposals.consortium.inviteTitle')}</h2>
      <p className="muted small">{t('proposals.consortium.inviteIntro')}</p>
      {sentTo && <SuccessMessage>{t('proposals.consortium.invited', { email: sentTo })}</SuccessMessage>}
      {alreadyMember ? (
        <div className="alert alert-error" role="alert">
          <p>{t('proposals.consortium.alreadyMember')}</p>
        </div>
      ) : (
        <ErrorAlert error={invite.error} />
      )}
      <TextField
        label={t('proposals.consortium.email')}
        type="email"
        autoComplete="off"
        error={errors.email}
        {...form.register('email')}
      />
      <SelectField label={t('proposals.consortium.role')} error={errors.role} {...form.register('role')}>
        <option value="PARTNER_PI">{t('proposals.roles.PARTNER_PI')}</option>
        <option value="COLLABORATOR">{t('proposals.roles.COLLABORATOR')}</option>
      </SelectField>
      {role === 'COLLABORATOR' ? (
        <SelectField
          label={t('proposals.consortium.ofPartner')}
          error={errors.institutionId}
          {...form.register('institutionId')}
        >
          <option value="">{t('proposals.consortium.choosePartner')}</option>
          {proposal.partners.map((partner) => (
            <option key={partner.id} value={partner.institution.id}>
              {partner.institution.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <Controller
          control={form.control}
          name="institutionId"
          render={({ field, fieldState }) => (
            <InstitutionPicker
              label={t('proposals.consortium.partnerInstitution')}
              hint={t('proposals.consortium.partnerInstitutionHint')}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error}
              excludeIds={proposal.partners.map((p) => p.institution.id)}
              testId="partner-institution"
            />
          )}
        />
      )}
      <div className="actions">
        <SubmitButton pending={invite.isPending} label={t('proposals.consortium.send')} />
      </div>
    </form>
  );
}

function Invitations({ proposalId, lead }: { proposalId: string; lead: boolean }) {
  const { t } = useTranslation();
  const invitations = useInvitations(proposalId);
  const revoke = useRevokeInvitation(proposalId);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  if (invitations.isPending) return <Loading />;
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <section className="stack" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('proposals.consortium.invitations')}</h2>
      {withdrawn && <SuccessMessage>{t('proposals.consortium.withdrawn', { email: withdrawn })}</SuccessMessage>}
      <ErrorAlert error={revoke.error} />
      {invitations.data.length === 0 ? (
        <EmptyState>
          <p>{t('proposals.consortium.noInvitations')}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="invitations">
            <thead>
              <tr>
                <th scope="col">{t('proposals.consortium.email')}</th>
                <th scope="col">{t('proposals.consortium.role')}</th>
                <th scope="col">{t('proposals.consortium.institution')}</th>
                <th scope="col">{t('proposals.consortium.status')}</th>
                <th scope="col">{t('proposals.consortium.sent')}</th>
                <th scope="col">{t('proposals.consortium.expires')}</th>
                {lead && (
                  <th scope="col">
                    <span className="visually-hidden">{t('proposals.consortium.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.id} data-testid="invitation-row" data-status={invitation.status}>
                  <th scope="row">{invitation.email}</th>
                  <td>{t(`proposals.roles.${invitation.role}`)}</td>
                  <td>
                    {invitation.institution.name}{' '}
                    <span className="muted small">{countryName(invitation.institution.countryCode)}</span>
                  </td>
                  <td>
                    <span className={`badge invitation-${invitation.status.toLowerCase()}`}>
                      {t(`proposals.invitationStatus.${invitation.status}`)}
                    </span>
                  </td>
                  <td>{formatDate(invitation.createdAt, { timeZone: viewerTimeZone, locale })}</td>
                  <td>{formatDate(invitation.expiresAt, { timeZone: viewerTimeZone, locale })}</td>
                  {lead && (
                    <td>
                      {invitation.status === 'PENDING' && (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={revoke.isPending}
                          aria-label={t('proposals.consortium.withdrawLabel', { email: invitation.email })}
                          data-testid="withdraw-invitation"
                          onClick={() => {
                            setWithdrawn(null);
                            revoke.mutate(invitation.id, { onSuccess: () => setWithdrawn(invitation.email) });
                          }}
                        >
                          {t('proposals.consortium.withdraw')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The partners with their countries, agencies and members; the lead PI invites partner PIs and collaborators. */
export function ConsortiumTab({
  proposal,
  call,
  editable,
  lead,
}: {
  proposal: Proposal;
  call: Call;
  editable: boolean;
  lead: boolean;
}) {
  return (
    <div className="stack">
      <Partners proposal={proposal} call={call} />
      {editable && lead && <InviteForm proposal={proposal} />}
      <Invitations proposalId={proposal.id} lead={lead} />
    </div>
  );
}
