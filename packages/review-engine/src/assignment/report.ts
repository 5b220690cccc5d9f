/**
 * Why an instance is infeasible: the proposals left with fewer than k reviewers and the reviewers left below their
 * minLoad in the best partial assignment, each with a reason read from the instance, plus global capacity checks.
 */
import type { IndexedInstance } from './network.js';

export interface ProposalShortfall {
  id: string;
  assigned: number;
  required: number;
  reason: string;
}

export interface ReviewerShortfall {
  id: string;
  assigned: number;
  minLoad: number;
  reason: string;
}

export interface Infeasibility {
  proposals: ProposalShortfall[];
  reviewers: ReviewerShortfall[];
  /** Instance-wide reasons (total capacity, total minimum load). */
  global: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function explainInfeasibility(
  ix: IndexedInstance,
  proposalLoad: Int32Array,
  reviewerLoad: Int32Array,
): Infeasibility {
  const { k, constraints } = ix;
  const P = ix.proposalIds.length;
  const R = ix.reviewerIds.length;
  const result: Infeasibility = { proposals: [], reviewers: [], global: [] };

  let totalMax = 0;
  let totalMin = 0;
  for (let r = 0; r < R; r++) {
    totalMax += ix.maxLoad[r]!;
    totalMin += ix.minLoad[r]!;
  }
  const places = k * P;
  if (totalMax < places)
    result.global.push(
      `the reviewers can take ${totalMax} reviews in all (sum of maxLoad), but ${P} proposals × k = ${k} need ${places}`,
    );
  if (totalMin > places)
    result.global.push(
      `the reviewers must take ${totalMin} reviews in all (sum of minLoad), but ${P} proposals × k = ${k} have only ` +
        `${places} places`,
    );

  const institutionSeen = new Int32Array(ix.institutionNames.length).fill(-1);
  const countrySeen = new Int32Array(ix.countryNames.length).fill(-1);
  const consortium = new Int32Array(ix.countryNames.length).fill(-1);
  const countryIndex = new Map(ix.countryNames.map((c, i) => [c, i]));
  for (let p = 0; p < P; p++) {
    if (proposalLoad[p]! >= k) continue;
    for (const c of ix.proposalCountries[p]!) {
      const ci = countryIndex.get(c);
      if (ci !== undefined) consortium[ci] = p;
    }
    let candidates = 0;
    let usable = 0;
    let institutions = 0;
    let countries = 0;
    let outside = 0;
    for (let j = ix.byProposalStart[p]!; j < ix.byProposalStart[p + 1]!; j++) {
      const i = ix.byProposal[j]!;
      candidates++;
      if (ix.candidateConflict[i] === 1) continue;
      usable++;
      const r = ix.candidateReviewer[i]!;
      const inst = ix.reviewerInstitution[r]!;
      const country = ix.reviewerCountry[r]!;
      if (institutionSeen[inst] !== p) {
        institutionSeen[inst] = p;
        institutions++;
      }
      if (countrySeen[country] !== p) {
        countrySeen[country] = p;
        countries++;
      }
      if (consortium[country] !== p) outside++;
    }
    const reasons: string[] = [];
    if (usable < k) {
      const conflicted = candidates - usable;
      reasons.push(
        candidates === 0
          ? 'no candidates'
          : `only ${plural(usable, 'candidate')} without a conflict` +
              (conflicted > 0 ? ` (${conflicted} of ${candidates} have a conflict)` : ''),
      );
    } else if (constraints.onePerCountry && countries < k) {
      reasons.push(`candidates come from only ${plural(countries, 'country', 'countries')} (one per country)`);
    } else if (constraints.onePerInstitution && institutions < k) {
      reasons.push(`candidates come from only ${plural(institutions, 'institution')} (one per institution)`);
    }
    if (constraints.outsideCountry && outside === 0) {
      const list = ix.proposalCountries[p]!.join(', ');
      reasons.push(`no candidate without a conflict from outside the consortium countries (${list})`);
    }
    if (reasons.length === 0)
      reasons.push(
        `its ${plural(usable, 'candidate')} cannot give it ${k} reviewers: their capacity (maxLoad) is taken by ` +
          'proposals that have no other choice',
      );
    result.proposals.push({
      id: ix.proposalIds[p]!,
      assigned: proposalLoad[p]!,
      required: k,
      reason: reasons.join('; '),
    });
  }

  const clash = constraints.onePerCountry
    ? ', or it would be a second reviewer from its country there'
    : constraints.onePerInstitution
      ? ', or it would be a second reviewer from its institution there'
      : '';
  let anyShort = false;
  for (let r = 0; r < R; r++) if (reviewerLoad[r]! < ix.minLoad[r]!) anyShort = true;
  if (anyShort) {
    const candidateProposals = new Int32Array(R);
    for (let i = 0; i < ix.candidateReviewer.length; i++)
      if (ix.candidateConflict[i] === 0) candidateProposals[ix.candidateReviewer[i]!]!++;
    for (let r = 0; r < R; r++) {
      const min = ix.minLoad[r]!;
      if (reviewerLoad[r]! >= min) continue;
      const usable = candidateProposals[r]!;
      const reason =
        usable < min
          ? usable === 0
            ? 'no candidate proposal without a conflict'
            : `only ${plural(usable, 'candidate proposal')} without a conflict`
          : `none of its ${plural(usable, 'candidate proposal')} can take it: their places (k = ${k}) go to other ` +
            `reviewers${clash}`;
      result.reviewers.push({ id: ix.reviewerIds[r]!, assigned: reviewerLoad[r]!, minLoad: min, reason });
    }
  }
  return result;
}
