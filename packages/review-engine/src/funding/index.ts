export {
  type AgencyBudget,
  DEFAULT_NODE_LIMIT,
  decideFunding,
  type EnvelopeExcess,
  type FundingDecision,
  type FundingEnvelope,
  type FundingOptions,
  type FundingProposal,
  type FundingRequest,
  type FundingResult,
  type FundingStatus,
} from './funding.js';
export { minorToMoney, moneyToMinor } from './money.js';
