export {
  type CalibratedProposal,
  type CalibrationOptions,
  type CalibrationResult,
  calibrateScores,
  DEFAULT_DISAGREEMENT_RANGE,
  DEFAULT_OFFSET_PENALTY,
  type Review,
  type ReviewerCalibration,
} from './calibrate.js';
export { type SyntheticReviews, type SyntheticReviewsOptions, syntheticReviews } from './synthetic.js';
