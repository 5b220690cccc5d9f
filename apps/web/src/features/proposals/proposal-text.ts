import type { MemberRole, Proposal } from '@kizuna/shared';

export const EDITABLE_STATUSES: ReadonlySet<Proposal['status']> = new Set(['DRAFT', 'SUBMITTED', 'WITHDRAWN']);

export type PartnerLike = { institution: { name: string; countryCode: string } };

/** Whether the call takes submissions at `now` by the browser's clock (the server decides in the end). */
export function callIsOpen(call: { opensAt: string; closesAt: string }, now: number): boolean {
  return Date.parse(call.opensAt) <= now && now < Date.parse(call.closesAt);
}

export function isPast(iso: string, now: number): boolean {
  return Date.parse(iso) <= now;
}

/** Why the proposal cannot be changed by this user now, or null when it can. */
export function readOnlyReason(
  proposal: Pick<Proposal, 'myRole' | 'status' | 'call'>,
  now: number,
): 'notMember' | 'closed' | 'status' | null {
  if (proposal.myRole === null) return 'notMember';
  if (!EDITABLE_STATUSES.has(proposal.status)) return 'status';
  if (isPast(proposal.call.closesAt, now)) return 'closed';
  return null;
}

export function isLead(role: MemberRole | null): boolean {
  return role === 'LEAD_PI';
}

/** Proposal statuses that can be shown with a badge colour of the calls' stylesheet. */
export function statusClass(status: Proposal['status']): string {
  switch (status) {
    case 'DRAFT':
      return 'badge badge-draft';
    case 'SUBMITTED':
    case 'ELIGIBLE':
    case 'FUNDED':
      return 'badge badge-open';
    case 'WITHDRAWN':
    case 'INELIGIBLE':
    case 'NOT_FUNDED':
      return 'badge badge-closed';
    default:
      return 'badge badge-published';
  }
}
