import { barChart } from './bar-chart.js';

describe('bar chart geometry', () => {
  const bars = [
    { label: 'Bat Yam', value: 50, valueText: '50%' },
    { label: 'Hadera', value: null, valueText: 'fewer than 5' },
    { label: 'Network median', value: 100, valueText: '100%', highlight: true },
  ];

  it('scales bars to the maximum and leaves a withheld figure without a bar', () => {
    const chart = barChart({ id: 'c', title: 'T', summary: 'S', bars, max: 100, rtl: false });
    expect(chart.height).toBe(90);
    expect(chart.bars[0]).toMatchObject({ hasBar: true, barX: 140, barWidth: 95, labelAnchor: 'end', valueAnchor: 'start' });
    expect(chart.bars[1]).toMatchObject({ hasBar: false, barWidth: 0, valueText: 'fewer than 5' });
    expect(chart.bars[2]).toMatchObject({ barWidth: 190, highlight: true });
    expect(chart.bars[0].valueX).toBeGreaterThan(chart.bars[0].barX + chart.bars[0].barWidth);
  });

  it('cuts a long label with an ellipsis and keeps the whole for the tooltip', () => {
    const chart = barChart({
      id: 'c',
      title: 'T',
      summary: 'S',
      bars: [{ label: 'Learning expedition to another city of the network', value: 80, valueText: '80%' }],
      max: 100,
      rtl: false,
    });
    expect(chart.bars[0].label).toBe('Learning expeditio…');
    expect(chart.bars[0].fullLabel).toBe('Learning expedition to another city of the network');
  });

  it('grows bars leftwards from labels on the right in a right-to-left page', () => {
    const chart = barChart({ id: 'c', title: 'T', summary: 'S', bars, max: 100, rtl: true });
    const [half] = chart.bars;
    expect(half.barX + half.barWidth).toBe(400 - 140);
    expect(half.labelX).toBeGreaterThan(half.barX + half.barWidth);
    expect(half.valueX).toBeLessThan(half.barX);
    expect(half).toMatchObject({ labelAnchor: 'start', valueAnchor: 'end' });
  });
});
