import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithApp } from '../../../test/render';
import { RUBRIC } from '../../../test/reviews';
import { OutcomeView } from './outcome-page';

describe('OutcomeView', () => {
  it('numbers the reviews for the applicants, "Reviewer 1, 2…", never naming anyone', () => {
    renderWithApp(
      <OutcomeView
        rubric={RUBRIC}
        outcome={{
          released: true,
          outcome: 'FUNDED',
          reason: 'Excellent and feasible.',
          consensus: 'The panel agrees.',
          reviews: [
            { number: 1, weightedScore: 4.2, commentsToApplicants: 'Strong.', scores: { excellence: 4 } },
            { number: 2, weightedScore: 3.8, commentsToApplicants: 'Good.', scores: { excellence: 4 } },
          ],
        }}
      />,
      { me: makeMe() },
    );
    const headings = screen.getAllByTestId('outcome-review').map((review) => review.querySelector('h3')?.textContent);
    expect(headings).toEqual(['Reviewer 1', 'Reviewer 2']);
    expect(screen.getByTestId('outcome-decision').textContent).toBe('Funded');
  });
});
