import type { MemberRole } from '@kizuna/shared';
import { managesProgramme } from '../calls/call-access.js';
import { AppError } from '../common/app-error.js';
import type { AuthenticatedUser } from '../common/request-context.js';

export interface ProposalAccess {
  /** The caller's role in the consortium, or null. */
  role: MemberRole | null;
  /** The caller manages the call's programme. */
  manager: boolean;
}

/**
 * Who may see a proposal: its consortium members and, once submitted, the managers of its programme.
 * Anyone else gets 404, exactly as for a proposal that does not exist, so nothing leaks.
 */
export function accessTo(
  actor: AuthenticatedUser | null,
  proposal: { status: string; members: { userId: string; role: MemberRole }[]; call: { programmeId: string } },
): ProposalAccess {
  const role = proposal.members.find((m) => m.userId === actor?.id)?.role ?? null;
  // Managers see a proposal once it has been submitted; a draft belongs to its consortium.
  const manager = proposal.status !== 'DRAFT' && managesProgramme(actor, proposal.call.programmeId);
  if (!role && !manager) throw AppError.notFound('Proposal');
  return { role, manager };
}

export function assertMember(access: ProposalAccess): MemberRole {
  if (!access.role) throw AppError.forbidden('Only members of the consortium can change the proposal');
  return access.role;
}

export function assertLead(access: ProposalAccess): void {
  if (access.role !== 'LEAD_PI') throw AppError.forbidden('Only the lead PI can do this');
}
