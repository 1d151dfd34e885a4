import { columnChart } from './column-chart.js';

describe('column chart geometry', () => {
  const columns = [
    { label: '1 Nov', value: 2, valueText: '2' },
    { label: '8 Nov', value: null, valueText: 'not recorded' },
    { label: '15 Nov', value: 4, valueText: '4' },
  ];

  it('scales columns to the largest value, stands them on one base line, and leaves a missing figure without a column', () => {
    const chart = columnChart({ id: 'c', title: 'T', summary: 'S', columns, rtl: false });
    expect(chart.width).toBe(400);
    expect(chart.columns[0]).toMatchObject({ hasColumn: true, height: 70, y: chart.baseY - 70, x: 6, width: 28, centreX: 20, showValue: true });
    expect(chart.columns[1]).toMatchObject({ hasColumn: false, height: 0 });
    expect(chart.columns[2]).toMatchObject({ height: 140, y: chart.baseY - 140 });
    expect(chart.columns[0].x).toBeLessThan(chart.columns[2].x);
  });

  it('runs time right to left in a right-to-left page', () => {
    const chart = columnChart({ id: 'c', title: 'T', summary: 'S', columns, rtl: true });
    expect(chart.columns[0].x).toBeGreaterThan(chart.columns[2].x);
    expect(chart.columns[0].x + chart.columns[0].width).toBe(400 - 6);
  });

  it('draws nothing taller than the base line when every value is 0 or none', () => {
    const chart = columnChart({ id: 'c', title: 'T', summary: 'S', columns: [{ label: 'a', value: 0, valueText: '0' }], rtl: false });
    expect(chart.columns[0]).toMatchObject({ hasColumn: false, height: 0 });
    expect(columnChart({ id: 'c', title: 'T', summary: 'S', columns: [], rtl: false }).columns).toEqual([]);
  });

  it('labels every few columns of a long series, the latest always, and hides the values above them', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `w${i}`, value: i, valueText: String(i) }));
    const chart = columnChart({ id: 'c', title: 'T', summary: 'S', columns: many, rtl: false });
    const labelled = chart.columns.filter((c) => c.showLabel).map((c) => c.label);
    expect(labelled.length).toBeLessThanOrEqual(6);
    expect(labelled).toContain('w29');
    expect(chart.columns.every((c) => !c.showValue)).toBe(true);
    expect(chart.columns[29].x + chart.columns[29].width).toBeLessThanOrEqual(400);
  });
});
