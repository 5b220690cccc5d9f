import type { Proposal, WorkPlan } from '@kizuna/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { JP_PARTNER, MY_PARTNER, makeProposal, PROPOSAL_ID, problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { WorkPlanEditor, WorkPlanTab } from './work-plan-tab';

const URL = `/api/proposals/${PROPOSAL_ID}/work-plan`;

const PLAN: WorkPlan = {
  workPackages: [
    {
      title: 'Field surveys',
      objectives: 'Measure carbon stocks.',
      leadPartnerId: MY_PARTNER,
      startMonth: 1,
      endMonth: 6,
      milestones: [{ title: 'Sites chosen', dueMonth: 3, verification: 'Site report' }],
    },
  ],
};

/** Answers each PUT with the next answer; records the bodies. */
function stubApi(...answers: ((body: Record<string, unknown>) => Response)[]) {
  const bodies: Record<string, unknown>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      if (init?.method !== 'PUT' || String(input) !== URL) throw new Error(`Unexpected ${String(input)}`);
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      bodies.push(body);
      const answer = answers.shift();
      if (!answer) throw new Error('No answer left');
      return answer(body);
    }),
  );
  return bodies;
}

function renderEditor(proposal: Proposal, onReload: () => Promise<Proposal | undefined> = async () => undefined) {
  return renderWithApp(<WorkPlanEditor proposal={proposal} onReload={onReload} />, { me: makeMe() });
}

const workPackage = (index: number) => screen.getAllByTestId('work-package')[index] as HTMLElement;
const milestone = (wp: HTMLElement, index: number) => within(wp).getAllByTestId('milestone')[index] as HTMLElement;
const state = () => screen.getByTestId('work-plan-state').textContent;
const saveButton = () => screen.getByRole('button', { name: 'Save work plan' });

describe('WorkPlanEditor', () => {
  it('says at once when a milestone falls outside its work package, and does not send the plan', async () => {
    const bodies = stubApi();
    const user = userEvent.setup();
    renderEditor(makeProposal({ workPlan: PLAN, workPlanVersion: 3 }));
    const due = within(milestone(workPackage(0), 0)).getByRole('spinbutton', { name: 'Due month' });

    await user.clear(due);
    await user.type(due, '9');
    // The same check as the API's (workPlanErrors), as the user types.
    expect(within(milestone(workPackage(0), 0)).getByRole('alert').textContent).toBe(
      'Must be between months 1 and 6, within its work package.',
    );
    expect(due.getAttribute('aria-invalid')).toBe('true');

    // Moving the work package's end fixes it without touching the milestone.
    const end = within(workPackage(0)).getByRole('spinbutton', { name: 'End month' });
    await user.clear(end);
    await user.type(end, '12');
    expect(within(milestone(workPackage(0), 0)).queryByRole('alert')).toBeNull();

    // Past the project's 24 months.
    await user.clear(end);
    await user.type(end, '30');
    expect(within(workPackage(0)).getByText('Must be within the project’s 24 months.')).toBeDefined();
    await user.click(saveButton());
    expect(state()).toBe('Correct the highlighted fields before saving.');
    expect(bodies).toEqual([]);
  });

  it('adds a work package with a milestone and saves the plan with the version it is based on', async () => {
    const bodies = stubApi((body) => {
      const { version: _version, ...plan } = body;
      return jsonResponse(200, makeProposal({ workPlan: plan as WorkPlan, workPlanVersion: 5 }));
    });
    const user = userEvent.setup();
    renderEditor(makeProposal({ workPlanVersion: 4 }));
    expect(state()).toBe('Saved (version 4)');

    await user.click(screen.getByRole('button', { name: 'Add a work package' }));
    const wp = workPackage(0);
    await user.type(within(wp).getAllByRole('textbox', { name: 'Title' })[0] as HTMLElement, 'Modelling');
    await user.selectOptions(within(wp).getByRole('combobox', { name: 'Lead partner' }), JP_PARTNER);
    const end = within(wp).getByRole('spinbutton', { name: 'End month' });
    await user.clear(end);
    await user.type(end, '12');
    await user.click(within(wp).getByRole('button', { name: 'Add a milestone to work package 1' }));
    const m = milestone(wp, 0);
    await user.type(within(m).getByRole('textbox', { name: 'Title' }), 'Model calibrated');
    await user.type(within(m).getByRole('spinbutton', { name: 'Due month' }), '10');
    expect(state()).toBe('Changes not saved yet');

    await user.click(saveButton());
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      version: 4,
      workPackages: [
        {
          title: 'Modelling',
          objectives: '',
          leadPartnerId: JP_PARTNER,
          startMonth: 1,
          endMonth: 12,
          milestones: [{ title: 'Model calibrated', dueMonth: 10, verification: '' }],
        },
      ],
    });
    await waitFor(() => expect(state()).toBe('Saved (version 5)'));
    expect(screen.getByText('Work plan saved.')).toBeDefined();
  });

  it('on a 409 keeps the user’s edits and, on their word, bases them on the other version to save again', async () => {
    const bodies = stubApi(
      () =>
        jsonResponse(
          409,
          problem(409, 'conflict', [
            { path: 'body.version', code: 'stale_version', message: 'Reload', params: { current: 7 } },
          ]),
        ),
      (body) => jsonResponse(200, makeProposal({ workPlan: body as unknown as WorkPlan, workPlanVersion: 8 })),
    );
    const theirs = makeProposal({ workPlan: { workPackages: [] }, workPlanVersion: 7 });
    const onReload = vi.fn(async () => theirs);
    const user = userEvent.setup();
    renderEditor(makeProposal({ workPlan: PLAN, workPlanVersion: 3 }), onReload);

    const title = within(workPackage(0)).getAllByRole('textbox', { name: 'Title' })[0] as HTMLInputElement;
    await user.clear(title);
    await user.type(title, 'Field surveys and sampling');
    await user.click(saveButton());
    const conflict = await screen.findByTestId('work-plan-conflict');
    expect(conflict.textContent).toContain('version 7');
    expect(title.value).toBe('Field surveys and sampling');

    await user.click(within(conflict).getByRole('button', { name: 'Keep my changes on top of theirs' }));
    expect(await screen.findByTestId('work-plan-rebased')).toBeDefined();
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(title.value).toBe('Field surveys and sampling');

    await user.click(saveButton());
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toMatchObject({
      version: 7,
      workPackages: [{ title: 'Field surveys and sampling', milestones: [{ title: 'Sites chosen' }] }],
    });
  });

  it('"Load their work plan" drops the user’s edits for the other version', async () => {
    stubApi(() =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          { path: 'body.version', code: 'stale_version', message: 'x', params: { current: 7 } },
        ]),
      ),
    );
    const other = { ...PLAN.workPackages[0]!, title: 'Their surveys', milestones: [] };
    const theirs = makeProposal({ workPlan: { workPackages: [other] }, workPlanVersion: 7 });
    const user = userEvent.setup();
    renderEditor(makeProposal({ workPlan: PLAN, workPlanVersion: 3 }), async () => theirs);
    await user.click(within(workPackage(0)).getByRole('button', { name: 'Remove work package 1' }));
    await user.click(saveButton());
    await user.click(await screen.findByRole('button', { name: 'Load their work plan (drops my changes)' }));
    await waitFor(() => expect(screen.queryAllByTestId('work-package')).toHaveLength(1));
    expect((within(workPackage(0)).getAllByRole('textbox', { name: 'Title' })[0] as HTMLInputElement).value).toBe(
      'Their surveys',
    );
    expect(state()).toBe('Saved (version 7)');
  });

  it('shows the API’s 400 errors at their fields (body.workPackages.0.milestones.0.dueMonth)', async () => {
    stubApi(() =>
      jsonResponse(
        400,
        problem(400, 'validation_failed', [
          {
            path: 'body.workPackages.0.milestones.0.dueMonth',
            code: 'outside_work_package',
            message: 'must be between months 2 and 6',
            params: { startMonth: 2, endMonth: 6 },
          },
          { path: 'body.workPackages.0.leadPartnerId', code: 'unknown_partner', message: 'Not a partner' },
        ]),
      ),
    );
    const user = userEvent.setup();
    renderEditor(makeProposal({ workPlan: PLAN, workPlanVersion: 3 }));
    await user.type(within(workPackage(0)).getByRole('textbox', { name: 'Objectives' }), ' And model them.');
    await user.click(saveButton());
    const due = within(milestone(workPackage(0), 0)).getByRole('spinbutton', { name: 'Due month' });
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'));
    expect(within(milestone(workPackage(0), 0)).getByRole('alert').textContent).toBe(
      'Must be between months 2 and 6, within its work package.',
    );
    expect(within(workPackage(0)).getByText('This is not a partner of the consortium (any more). Choose another.'));
    // Changing the field clears the server's complaint about it.
    await user.clear(due);
    await user.type(due, '4');
    expect(due.getAttribute('aria-invalid')).toBeNull();
  });

  it('moves work packages up and down', async () => {
    stubApi();
    const user = userEvent.setup();
    const second = { ...PLAN.workPackages[0]!, title: 'Modelling', milestones: [] };
    renderEditor(makeProposal({ workPlan: { workPackages: [PLAN.workPackages[0]!, second] } }));
    await user.click(screen.getByRole('button', { name: 'Move work package 2 up' }));
    const titles = screen
      .getAllByTestId('work-package')
      .map((wp) => (within(wp).getAllByRole('textbox', { name: 'Title' })[0] as HTMLInputElement).value);
    expect(titles).toEqual(['Modelling', 'Field surveys']);
    expect(state()).toBe('Changes not saved yet');
  });
});

describe('WorkPlanTab', () => {
  it('is read-only for those who cannot change the proposal', () => {
    stubApi();
    renderWithApp(<WorkPlanTab proposal={makeProposal({ workPlan: PLAN, myRole: null })} editable={false} />, {
      me: makeMe(),
    });
    const view = screen.getByTestId('work-plan-view');
    expect(view.textContent).toContain('Work package 1: Field surveys');
    expect(view.textContent).toContain('Universiti Malaya');
    expect(view.textContent).toContain('Months 1–6');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save work plan' })).toBeNull();
  });
});
