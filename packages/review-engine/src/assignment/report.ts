/**
 * Why an instance is infeasible: the proposals left with fewer than their k reviewers and the reviewers left below
 * their minLoad in the best partial assignment, each with a cause read from the instance, plus global capacity checks.
 *
 * Every cause has a stable `code` and `params` (numbers and strings) for an interface to translate, and the same in
 * English in `reason`. The codes and their params:
 *
 *  proposals (`required` is the proposal's k)
 *   no_candidates          { required }                                      no candidate at all
 *   too_few_candidates     { usable, candidates, conflicted, required }      usable = candidates without a conflict
 *   too_few_with_capacity  { withCapacity, usable, required }                withCapacity = usable ones with maxLoad > 0
 *   too_few_countries      { countries, required }                           with onePerCountry
 *   too_few_institutions   { institutions, required }                        with onePerInstitution
 *   no_outside_candidate   { countries }                                     with outsideCountry; the consortium's
 *                                                                            countries, joined by ", "
 *   capacity_taken         { usable, required }                              none of the above: the candidates' loads
 *                                                                            go to other proposals
 *  reviewers
 *   too_few_candidate_proposals { usable, minLoad, conflicted, needNobody }  usable = candidate proposals without a
 *                                                                            conflict that need reviewers; needNobody
 *                                                                            = those without a conflict with k = 0
 *   places_taken           { usable, minLoad, rule }                         their places go to other reviewers; rule
 *                                                                            "onePerCountry", "onePerInstitution" or
 *                                                                            "none": the group rule that may block it
 *  global
 *   total_capacity_short   { capacity, places, proposals }                   Σ maxLoad < Σ k = places (proposals:
 *                                                                            those with k ≥ 1)
 *   total_min_load_excess  { minLoad, places, proposals }                    Σ minLoad > Σ k = places
 *
 * A proposal can have two independent causes (a count one and no_outside_candidate): the first is in its `code`,
 * `params` and `reason`, the other in `otherCauses`.
 */
import type { IndexedInstance } from './network.js';

/** Values to put in a translated sentence. */
export type ReasonParams = Record<string, number | string>;

export type ProposalShortfallCode =
  | 'no_candidates'
  | 'too_few_candidates'
  | 'too_few_with_capacity'
  | 'too_few_countries'
  | 'too_few_institutions'
  | 'no_outside_candidate'
  | 'capacity_taken';
export type ReviewerShortfallCode = 'too_few_candidate_proposals' | 'places_taken';
export type GlobalInfeasibilityCode = 'total_capacity_short' | 'total_min_load_excess';

/** One cause: a code and its params for translation, and the same in English. */
export interface InfeasibilityCause<Code extends string = string> {
  code: Code;
  params: ReasonParams;
  reason: string;
}

export interface ProposalShortfall extends InfeasibilityCause<ProposalShortfallCode> {
  id: string;
  assigned: number;
  /** The proposal's k. */
  required: number;
  /** Causes that hold as well as the first (at most one: no_outside_candidate after a count cause). */
  otherCauses: InfeasibilityCause<ProposalShortfallCode>[];
}

export interface ReviewerShortfall extends InfeasibilityCause<ReviewerShortfallCode> {
  id: string;
  assigned: number;
  minLoad: number;
}

export interface Infeasibility {
  proposals: ProposalShortfall[];
  reviewers: ReviewerShortfall[];
  /** Instance-wide causes (total capacity, total minimum load). */
  global: InfeasibilityCause<GlobalInfeasibilityCode>[];
}

/** A proposal shortfall's whole explanation in English: its causes joined by "; ". */
export function fullReason(shortfall: ProposalShortfall): string {
  return [shortfall.reason, ...shortfall.otherCauses.map((c) => c.reason)].join('; ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function explainInfeasibility(
  ix: IndexedInstance,
  proposalLoad: Int32Array,
  reviewerLoad: Int32Array,
): Infeasibility {
  const { constraints, proposalK } = ix;
  const P = ix.proposalIds.length;
  const R = ix.reviewerIds.length;
  const result: Infeasibility = { proposals: [], reviewers: [], global: [] };

  let totalMax = 0;
  let totalMin = 0;
  for (let r = 0; r < R; r++) {
    totalMax += ix.maxLoad[r]!;
    totalMin += ix.minLoad[r]!;
  }
  const places = ix.places;
  let needing = 0;
  for (let p = 0; p < P; p++) if (proposalK[p]! > 0) needing++;
  const proposalsNeeding = needing === 1 ? 'the proposal needs' : `the ${needing} proposals need`;
  const sumOfK = needing === 1 ? '(its k)' : '(sum of their k)';
  if (totalMax < places)
    result.global.push({
      code: 'total_capacity_short',
      params: { capacity: totalMax, places, proposals: needing },
      reason: `the reviewers can take ${totalMax} reviews in all (sum of maxLoad), but ${proposalsNeeding} ${places} ${sumOfK}`,
    });
  if (totalMin > places)
    result.global.push({
      code: 'total_min_load_excess',
      params: { minLoad: totalMin, places, proposals: needing },
      reason:
        `the reviewers must take ${totalMin} reviews in all (sum of minLoad), but ` +
        (needing === 0 ? 'no proposal needs a reviewer' : `${proposalsNeeding} only ${places} ${sumOfK}`),
    });

  const institutionSeen = new Int32Array(ix.institutionNames.length).fill(-1);
  const countrySeen = new Int32Array(ix.countryNames.length).fill(-1);
  const consortium = new Int32Array(ix.countryNames.length).fill(-1);
  const countryIndex = new Map(ix.countryNames.map((c, i) => [c, i]));
  for (let p = 0; p < P; p++) {
    const k = proposalK[p]!;
    if (proposalLoad[p]! >= k) continue;
    for (const c of ix.proposalCountries[p]!) {
      const ci = countryIndex.get(c);
      if (ci !== undefined) consortium[ci] = p;
    }
    let candidates = 0;
    let usable = 0;
    let withCapacity = 0;
    let institutions = 0;
    let countries = 0;
    let outside = 0;
    for (let j = ix.byProposalStart[p]!; j < ix.byProposalStart[p + 1]!; j++) {
      const i = ix.byProposal[j]!;
      candidates++;
      if (ix.candidateConflict[i] === 1) continue;
      usable++;
      const r = ix.candidateReviewer[i]!;
      if (ix.maxLoad[r]! > 0) withCapacity++;
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
    const causes: InfeasibilityCause<ProposalShortfallCode>[] = [];
    const conflicted = candidates - usable;
    if (candidates === 0) {
      causes.push({ code: 'no_candidates', params: { required: k }, reason: 'no candidates' });
    } else if (usable < k) {
      causes.push({
        code: 'too_few_candidates',
        params: { usable, candidates, conflicted, required: k },
        reason:
          `only ${plural(usable, 'candidate')} without a conflict` +
          (conflicted > 0 ? ` (${conflicted} of ${candidates} have a conflict)` : ''),
      });
    } else if (withCapacity < k) {
      causes.push({
        code: 'too_few_with_capacity',
        params: { withCapacity, usable, required: k },
        reason: `only ${withCapacity} of its ${plural(usable, 'candidate')} without a conflict can take a review (maxLoad > 0)`,
      });
    } else if (constraints.onePerCountry && countries < k) {
      causes.push({
        code: 'too_few_countries',
        params: { countries, required: k },
        reason: `candidates come from only ${plural(countries, 'country', 'countries')} (one per country)`,
      });
    } else if (constraints.onePerInstitution && institutions < k) {
      causes.push({
        code: 'too_few_institutions',
        params: { institutions, required: k },
        reason: `candidates come from only ${plural(institutions, 'institution')} (one per institution)`,
      });
    }
    // Without any usable candidate, "none from outside" adds nothing.
    if (constraints.outsideCountry && usable > 0 && outside === 0) {
      const list = ix.proposalCountries[p]!.join(', ');
      causes.push({
        code: 'no_outside_candidate',
        params: { countries: list },
        reason: `no candidate without a conflict from outside the consortium countries (${list})`,
      });
    }
    if (causes.length === 0)
      causes.push({
        code: 'capacity_taken',
        params: { usable, required: k },
        reason:
          `its ${plural(usable, 'candidate')} cannot give it ${plural(k, 'reviewer')}: their capacity (maxLoad) is ` +
          'taken by proposals that have no other choice',
      });
    const [first, ...otherCauses] = causes;
    result.proposals.push({
      id: ix.proposalIds[p]!,
      assigned: proposalLoad[p]!,
      required: k,
      ...first!,
      otherCauses,
    });
  }

  const rule = constraints.onePerCountry
    ? 'onePerCountry'
    : constraints.onePerInstitution
      ? 'onePerInstitution'
      : 'none';
  const clash =
    rule === 'onePerCountry'
      ? ', or it would be a second reviewer from its country there'
      : rule === 'onePerInstitution'
        ? ', or it would be a second reviewer from its institution there'
        : '';
  let anyShort = false;
  for (let r = 0; r < R; r++) if (reviewerLoad[r]! < ix.minLoad[r]!) anyShort = true;
  if (anyShort) {
    // Per reviewer: candidate proposals without a conflict that need reviewers, with a conflict, and needing nobody.
    const usableOf = new Int32Array(R);
    const conflictedOf = new Int32Array(R);
    const needNobodyOf = new Int32Array(R);
    for (let i = 0; i < ix.candidateReviewer.length; i++) {
      const r = ix.candidateReviewer[i]!;
      if (ix.candidateConflict[i] === 1) conflictedOf[r]!++;
      else if (proposalK[ix.candidateProposal[i]!] === 0) needNobodyOf[r]!++;
      else usableOf[r]!++;
    }
    for (let r = 0; r < R; r++) {
      const min = ix.minLoad[r]!;
      if (reviewerLoad[r]! >= min) continue;
      const usable = usableOf[r]!;
      const needNobody = needNobodyOf[r]!;
      const base = { id: ix.reviewerIds[r]!, assigned: reviewerLoad[r]!, minLoad: min };
      if (usable < min) {
        result.reviewers.push({
          ...base,
          code: 'too_few_candidate_proposals',
          params: { usable, minLoad: min, conflicted: conflictedOf[r]!, needNobody },
          reason:
            (usable === 0
              ? 'no candidate proposal without a conflict'
              : `only ${plural(usable, 'candidate proposal')} without a conflict`) +
            (needNobody > 0
              ? ` that ${usable === 1 ? 'needs' : 'need'} reviewers (not counting ${plural(needNobody, 'proposal')} ` +
                'with k = 0)'
              : ''),
        });
      } else {
        result.reviewers.push({
          ...base,
          code: 'places_taken',
          params: { usable, minLoad: min, rule },
          reason: `none of its ${plural(usable, 'candidate proposal')} can take it: their places go to other reviewers${clash}`,
        });
      }
    }
  }
  return result;
}
