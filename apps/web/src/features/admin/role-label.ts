import type { RoleGrant } from '@kizuna/shared';
import type { TFunction } from 'i18next';

/** "Programme manager · ASEAN–Japan Climate" or just "Administrator" for a global grant. */
export function grantLabel(t: TFunction, grant: Pick<RoleGrant, 'role' | 'programmeId' | 'programmeName'>): string {
  const role = t(`roles.${grant.role}`);
  if (grant.programmeId === null) return role;
  return `${role} · ${grant.programmeName ?? t('admin.roles.unknownProgramme')}`;
}
