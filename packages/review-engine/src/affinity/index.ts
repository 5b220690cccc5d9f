export {
  type AffinityCandidate,
  type AffinityIndex,
  type AffinityOptions,
  type AffinityProposal,
  buildAffinityIndex,
  computeAffinities,
  explainAffinity,
  FIELD_WEIGHTS,
  iterateAffinities,
  type MatchedTerm,
  type ReviewerExpertise,
  type ReviewerPublication,
  scoreReviewer,
} from './affinity.js';
export { STOP_WORDS, stem, tokenize } from './tokenize.js';
