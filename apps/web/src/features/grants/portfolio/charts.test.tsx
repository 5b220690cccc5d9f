import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { COUNTRIES } from '../../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { MoneyChart } from './money-chart';
import { layout, NetworkChart } from './network-chart';
import { makePortfolio } from './portfolio-fixture';

function stubCountries() {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async () => jsonResponse(200, COUNTRIES)),
  );
}

describe('MoneyChart', () => {
  const money = makePortfolio().money[0]!;

  it('draws the three cumulative lines on one scale, the highest value at the top', () => {
    stubCountries();
    const { container } = renderWithApp(<MoneyChart money={money} />, { me: makeMe() });
    const line = (key: string) => container.querySelector(`polyline[data-line="${key}"]`)?.getAttribute('points');
    // 640 × 240 with 12 px margins and 28 px at the bottom: x from 12 to 628, y from 212 (zero) to 12 (200,000).
    expect(line('committed')).toBe('12,112 320,12 628,12');
    expect(line('disbursed')).toBe('12,212 320,162 628,162');
    expect(line('reported')).toBe('12,212 320,212 628,192');
    // Told apart by dash pattern as well as colour.
    const dashes = [...container.querySelectorAll('polyline')].map((p) => p.getAttribute('stroke-dasharray'));
    expect(new Set(dashes).size).toBe(3);
  });

  it('names itself, gives the latest figures in the legend and every month in a table, in the user’s language', () => {
    stubCountries();
    renderWithApp(<MoneyChart money={money} />, { me: makeMe() });
    const chart = screen.getByRole('img', {
      name: /Committed, disbursed and reported money in USD/,
    });
    expect(chart.querySelector('desc')?.textContent).toBe(
      'From Jan 2027 to Mar 2027. Now: committed US$200,000.00, disbursed US$50,000.00, reported US$20,000.50.',
    );
    expect(screen.getByTestId('legend-reported').textContent).toBe('Reported spending US$20,000.50');
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'MonthCommittedDisbursedReported spending',
      'Jan 2027US$100,000.00US$0.00US$0.00',
      'Feb 2027US$200,000.00US$50,000.00US$0.00',
      'Mar 2027US$200,000.00US$50,000.00US$20,000.50',
    ]);
  });

  it('puts a single month in the middle and says when there is nothing to draw', () => {
    stubCountries();
    const one = { ...money, series: [money.series[0]!] };
    const { container, unmount } = renderWithApp(<MoneyChart money={one} />, { me: makeMe() });
    expect(container.querySelector('polyline[data-line="committed"]')?.getAttribute('points')).toBe('320,12');
    unmount();
    renderWithApp(<MoneyChart money={{ ...money, series: [] }} />, { me: makeMe() });
    expect(screen.getByText('No figures yet.')).toBeDefined();
  });
});

describe('NetworkChart', () => {
  const network = makePortfolio().network;

  it('places the countries on a circle, sized by grants, with lines as wide as the collaboration', () => {
    const { nodes, edges } = layout(network);
    // Four countries: top, right, bottom, left, clockwise, all at the same distance from the centre.
    expect(nodes.map((n) => [n.countryCode, Math.round(n.x), Math.round(n.y)])).toEqual([
      ['MY', 210, 56],
      ['JP', 364, 210],
      ['TH', 210, 364],
      ['VN', 56, 210],
    ]);
    const radius = Object.fromEntries(nodes.map((n) => [n.countryCode, n.radius]));
    expect(radius.MY).toBeGreaterThan(radius.JP!);
    expect(radius.JP).toBeGreaterThan(radius.TH!);
    expect(radius.VN).toBe(8);
    const width = Object.fromEntries(edges.map((e) => [`${e.from}-${e.to}`, e.width]));
    // JP–MY and JP–TH both weigh 2 (grants + joint publications), TH–VN 1.
    expect(width['JP-MY']).toBe(12);
    expect(width['JP-TH']).toBe(12);
    expect(width['TH-VN']).toBeCloseTo(6.75);
  });

  it('gives every country and pair a title, dashes publication-only pairs, and repeats it all as tables', async () => {
    stubCountries();
    renderWithApp(<NetworkChart network={network} />, { me: makeMe() });
    expect(screen.getByRole('img', { name: 'Collaboration between countries' })).toBeDefined();
    await screen.findByText('Japan – Thailand: 1 grant(s) together, 1 joint publication(s)');
    const nodes = screen.getAllByTestId('network-node');
    expect(nodes.map((n) => n.querySelector('title')?.textContent)).toEqual([
      'Malaysia: 3 grant(s)',
      'Japan: 2 grant(s)',
      'Thailand: 1 grant(s)',
      expect.stringMatching(/: 0 grant\(s\)$/),
    ]);
    const edges = screen.getAllByTestId('network-edge');
    expect(edges.map((e) => [e.getAttribute('data-pair'), e.getAttribute('stroke-dasharray')])).toEqual([
      ['JP-MY', null],
      ['JP-TH', null],
      ['TH-VN', '4 4'],
    ]);
    const pairs = within(screen.getByTestId('network-table')).getAllByRole('row');
    expect(pairs.map((r) => r.textContent)).toEqual([
      'CountriesGrants togetherJoint publications',
      'Japan – Malaysia20',
      'Japan – Thailand11',
      expect.stringMatching(/^Thailand – .+01$/),
    ]);
  });

  it('says so when there is no collaboration yet', () => {
    stubCountries();
    renderWithApp(<NetworkChart network={{ nodes: [], edges: [] }} />, { me: makeMe() });
    expect(screen.getByText('No collaboration to show yet.')).toBeDefined();
  });
});
