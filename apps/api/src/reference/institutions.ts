import { AppError } from '../common/app-error.js';
import type { Prisma, Tx } from '../infra/prisma.service.js';

/**
 * An institution a user may put on a record: one in the directory, or one they requested
 * themselves that an admin has not decided on yet. Anything else is a field error on `path`.
 */
export async function usableInstitution(db: Prisma | Tx, id: string, actorId: string, path: string) {
  const institution = await db.institution.findUnique({ where: { id } });
  const usable =
    institution &&
    (institution.status === 'APPROVED' || (institution.status === 'PENDING' && institution.requestedById === actorId));
  if (!usable) {
    throw new AppError('validation_failed', 'Unknown institution', [
      { path, code: 'unknown_institution', message: 'No such institution in the directory' },
    ]);
  }
  return institution;
}
