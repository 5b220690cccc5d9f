import { AppError } from '../common/app-error.js';
import type { AuthenticatedUser } from '../common/request-context.js';

/** Programmes the user manages (roles scoped to a programme). */
export function managedProgrammeIds(actor: AuthenticatedUser | null): string[] {
  if (!actor) return [];
  return actor.roles.flatMap((r) => (r.role === 'PROGRAMME_MANAGER' && r.programmeId ? [r.programmeId] : []));
}

export function managesProgramme(actor: AuthenticatedUser | null, programmeId: string): boolean {
  return managedProgrammeIds(actor).includes(programmeId);
}

/** A programme manager not bound to one programme may create programmes. */
export function mayCreateProgrammes(actor: AuthenticatedUser | null): boolean {
  return actor?.roles.some((r) => r.role === 'PROGRAMME_MANAGER' && r.programmeId === null) ?? false;
}

/** Managers of other programmes get the same answer as for a call that does not exist. */
export function assertManages(actor: AuthenticatedUser | null, programmeId: string): void {
  if (!managesProgramme(actor, programmeId)) throw AppError.notFound('Call');
}
