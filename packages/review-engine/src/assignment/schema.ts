/**
 * The reviewer-assignment instance: the JSON read by `npm run assign` and given to {@link solveAssignment}.
 *
 * Every proposal needs `k` reviewers: its own `k` when it has one (e.g. the places left when some reviewers were
 * invited earlier; 0 = it needs nobody), else the instance's `k`.
 *
 * Validation checks the shape and the references (every candidate and conflict names a known proposal and reviewer,
 * ids are unique, a pair is listed once, minLoad ≤ maxLoad). Issues carry the path of the offending value, e.g.
 * `candidates.12.reviewer`. At most {@link MAX_REFERENCE_ISSUES} reference issues are reported, then a count.
 */
import { z } from 'zod';

/** The largest `k`, of the instance or of a proposal. */
export const MAX_K = 1000;

/** Reference issues reported before the rest are summarised in one issue (a bad export can hold millions). */
export const MAX_REFERENCE_ISSUES = 50;

const Id = z.string().min(1);

export const assignmentConstraintsSchema = z.object({
  /** At most one reviewer from the same institution on a proposal. */
  onePerInstitution: z.boolean().default(true),
  /** At most one reviewer from the same country on a proposal. */
  onePerCountry: z.boolean().default(false),
  /** At least one reviewer from a country that is not one of the proposal's consortium countries. */
  outsideCountry: z.boolean().default(false),
});

export const assignmentProposalSchema = z.object({
  id: Id,
  /** The consortium's countries (any codes, compared as strings with the reviewers' countries). */
  countries: z.array(z.string()).default([]),
  /** Reviewers this proposal needs (0 = none); default the instance's `k`. */
  k: z.number().int().min(0).max(MAX_K).optional(),
});

export const assignmentReviewerSchema = z.object({
  id: Id,
  institution: z.string().min(1),
  country: z.string().min(1),
  minLoad: z.number().int().min(0).default(0),
  maxLoad: z.number().int().min(0),
});

export const assignmentCandidateSchema = z.object({
  proposal: Id,
  reviewer: Id,
  /** Higher is better; any finite number ≥ 0 (scores from the affinity index are in [0, 1]). */
  affinity: z.number().min(0).max(1e9),
});

export const assignmentPairSchema = z.object({ proposal: Id, reviewer: Id });

export const assignmentInstanceSchema = z
  .object({
    /** Reviewers per proposal, for the proposals without their own `k`. */
    k: z.number().int().min(1).max(MAX_K),
    proposals: z.array(assignmentProposalSchema),
    reviewers: z.array(assignmentReviewerSchema),
    candidates: z.array(assignmentCandidateSchema),
    conflicts: z.array(assignmentPairSchema).default([]),
    constraints: assignmentConstraintsSchema.default({
      onePerInstitution: true,
      onePerCountry: false,
      outsideCountry: false,
    }),
  })
  .superRefine((instance, ctx) => {
    let issues = 0;
    const report = (path: (string | number)[], message: string) => {
      issues++;
      if (issues <= MAX_REFERENCE_ISSUES) ctx.addIssue({ code: 'custom', path, message });
    };

    const proposals = new Set<string>();
    instance.proposals.forEach((p, i) => {
      if (proposals.has(p.id)) report(['proposals', i, 'id'], `duplicate proposal id "${p.id}"`);
      proposals.add(p.id);
    });
    const reviewers = new Set<string>();
    const institutionCountry = new Map<string, { country: string; index: number }>();
    const nested =
      instance.constraints.onePerInstitution &&
      (instance.constraints.onePerCountry || instance.constraints.outsideCountry);
    instance.reviewers.forEach((r, i) => {
      if (reviewers.has(r.id)) report(['reviewers', i, 'id'], `duplicate reviewer id "${r.id}"`);
      reviewers.add(r.id);
      if (r.minLoad > r.maxLoad) report(['reviewers', i, 'minLoad'], `minLoad ${r.minLoad} > maxLoad ${r.maxLoad}`);
      // The flow model nests institutions in countries (one layer of group nodes); see the README.
      const first = institutionCountry.get(r.institution);
      if (!first) institutionCountry.set(r.institution, { country: r.country, index: i });
      else if (nested && first.country !== r.country)
        report(
          ['reviewers', i, 'country'],
          `institution "${r.institution}" is in ${first.country} (reviewers.${first.index}) and ${r.country}: with ` +
            'onePerInstitution and onePerCountry or outsideCountry, an institution must be in one country',
        );
    });

    const pairKey = (p: string, r: string) => `${p}\u0000${r}`;
    const candidatePairs = new Set<string>();
    instance.candidates.forEach((c, i) => {
      if (!proposals.has(c.proposal)) report(['candidates', i, 'proposal'], `unknown proposal "${c.proposal}"`);
      if (!reviewers.has(c.reviewer)) report(['candidates', i, 'reviewer'], `unknown reviewer "${c.reviewer}"`);
      const key = pairKey(c.proposal, c.reviewer);
      if (candidatePairs.has(key))
        report(['candidates', i], `candidate pair ("${c.proposal}", "${c.reviewer}") is listed twice`);
      candidatePairs.add(key);
    });
    instance.conflicts.forEach((c, i) => {
      if (!proposals.has(c.proposal)) report(['conflicts', i, 'proposal'], `unknown proposal "${c.proposal}"`);
      if (!reviewers.has(c.reviewer)) report(['conflicts', i, 'reviewer'], `unknown reviewer "${c.reviewer}"`);
    });
    if (issues > MAX_REFERENCE_ISSUES)
      ctx.addIssue({ code: 'custom', path: [], message: `${issues - MAX_REFERENCE_ISSUES} more reference issues` });
  });

/** A validated instance (defaults applied). */
export type AssignmentInstance = z.output<typeof assignmentInstanceSchema>;
/** What the schema accepts: `conflicts`, `constraints`, `minLoad`, `countries` and a proposal's `k` may be left out. */
export type AssignmentInstanceInput = z.input<typeof assignmentInstanceSchema>;
export type AssignmentConstraints = z.output<typeof assignmentConstraintsSchema>;
