import { type AdminUser, ROLES, type Role, RoleSchema } from '@kizuna/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleGrantInput } from '../../api/admin';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { Loading } from '../../components/states';
import { grantLabel } from './role-label';
import { useProgrammes } from './use-programmes';
import { useSetRoles } from './use-set-roles';

/** Administrators hold their role everywhere; every other role may be scoped to one programme. */
const GLOBAL_ONLY: readonly Role[] = ['ADMIN'];

function sameGrant(a: RoleGrantInput, b: RoleGrantInput): boolean {
  return a.role === b.role && a.programmeId === b.programmeId;
}

export function RolesEditor({
  user,
  onClose,
  onSaved,
}: {
  user: AdminUser;
  onClose: () => void;
  onSaved: (user: AdminUser) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const programmes = useProgrammes();
  const setRoles = useSetRoles();
  const [grants, setGrants] = useState<RoleGrantInput[]>(() =>
    user.roles.map(({ role, programmeId }) => ({ role, programmeId })),
  );
  const [dirty, setDirty] = useState(false);
  const [newRole, setNewRole] = useState<Role>('RESEARCHER');
  const [newProgramme, setNewProgramme] = useState('');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const programmeNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const grant of user.roles)
      if (grant.programmeId && grant.programmeName) names.set(grant.programmeId, grant.programmeName);
    for (const programme of programmes.data ?? []) names.set(programme.id, programme.name);
    return names;
  }, [programmes.data, user.roles]);

  const scoped = !GLOBAL_ONLY.includes(newRole);
  const candidate: RoleGrantInput = { role: newRole, programmeId: scoped && newProgramme ? newProgramme : null };
  const duplicate = grants.some((grant) => sameGrant(grant, candidate));

  const label = (grant: RoleGrantInput) =>
    grantLabel(t, {
      ...grant,
      programmeName: grant.programmeId ? (programmeNames.get(grant.programmeId) ?? null) : null,
    });
  const scopeLabel = (grant: RoleGrantInput) =>
    grant.programmeId
      ? (programmeNames.get(grant.programmeId) ?? t('admin.roles.unknownProgramme'))
      : t('admin.roles.global');

  const change = (next: RoleGrantInput[]) => {
    setGrants(next);
    setDirty(true);
    setRoles.reset();
  };

  const save = () =>
    setRoles.mutate(
      { id: user.id, roles: grants },
      {
        onSuccess: (saved) => {
          setDirty(false);
          onSaved(saved);
        },
      },
    );

  return (
    <section className="card roles-editor" aria-labelledby={`${ids}-title`} data-testid="roles-editor">
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {t('admin.roles.title', { name: user.displayName })}
      </h2>
      <p className="muted">{t('admin.roles.intro')}</p>

      <h3>{t('admin.roles.current')}</h3>
      {grants.length === 0 ? (
        <p className="muted">{t('admin.roles.empty')}</p>
      ) : (
        <ul className="grant-list">
          {grants.map((grant) => (
            <li key={`${grant.role}:${grant.programmeId ?? ''}`}>
              <span>{label(grant)}</span>
              <button
                type="button"
                className="button button-small"
                aria-label={t('admin.roles.removeLabel', { role: t(`roles.${grant.role}`), scope: scopeLabel(grant) })}
                onClick={() => change(grants.filter((other) => !sameGrant(other, grant)))}
              >
                {t('admin.roles.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <fieldset className="add-grant">
        <legend>{t('admin.roles.add')}</legend>
        <div className="field">
          <label htmlFor={`${ids}-role`}>{t('admin.roles.newRole')}</label>
          <select
            id={`${ids}-role`}
            value={newRole}
            onChange={(event) => setNewRole(RoleSchema.parse(event.target.value))}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-programme`}>{t('admin.roles.programme')}</label>
          <select
            id={`${ids}-programme`}
            value={scoped ? newProgramme : ''}
            disabled={!scoped || !programmes.isSuccess}
            aria-describedby={`${ids}-programme-hint`}
            onChange={(event) => setNewProgramme(event.target.value)}
          >
            <option value="">{t('admin.roles.global')}</option>
            {(programmes.data ?? []).map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
          <p id={`${ids}-programme-hint`} className="field-hint">
            {!scoped ? t('admin.roles.adminGlobal') : programmes.isError ? t('admin.roles.programmesError') : ''}
          </p>
          {programmes.isPending && <Loading />}
        </div>
        <button
          type="button"
          className="button"
          disabled={duplicate}
          aria-describedby={duplicate ? `${ids}-duplicate` : undefined}
          onClick={() => change([...grants, candidate])}
        >
          {t('admin.roles.add')}
        </button>
        {duplicate && (
          <p id={`${ids}-duplicate`} className="field-hint">
            {t('admin.roles.duplicate')}
          </p>
        )}
      </fieldset>

      {setRoles.isSuccess && !dirty && <SuccessMessage>{t('admin.roles.saved')}</SuccessMessage>}
      <ErrorAlert error={setRoles.error} listFieldErrors />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={setRoles.isPending || !dirty}
          aria-busy={setRoles.isPending || undefined}
          onClick={save}
        >
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
