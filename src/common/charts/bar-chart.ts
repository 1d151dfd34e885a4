/**
 * A horizontal bar chart as SVG geometry, drawn by `views/partials/bar-chart.hbs` on the server (no
 * JavaScript). The one way a page shows a chart: every chart has a title and a text summary (the
 * SVG's <title> and <desc>) and sits beside the table of its figures. In a right-to-left page the
 * labels stand on the right and the bars grow leftwards. The geometry is laid out left to right
 * (the stylesheet sets `direction: ltr` on the SVG, so `text-anchor` means the same in every page);
 * 400 units wide, so that at a phone's width it is drawn about life-size.
 */
export interface BarInput {
  label: string;
  /** Null: no bar (a figure withheld or missing); `valueText` says why. */
  value: number | null;
  valueText: string;
  /** Drawn in the accent colour (e.g. "your city"). */
  highlight?: boolean;
}

export interface Bar {
  /** The label as drawn (cut to fit); `fullLabel` is the whole. */
  label: string;
  fullLabel: string;
  valueText: string;
  highlight: boolean;
  hasBar: boolean;
  barX: number;
  barY: number;
  barWidth: number;
  barHeight: number;
  labelX: number;
  labelAnchor: 'start' | 'end';
  valueX: number;
  valueAnchor: 'start' | 'end';
  textY: number;
}

export interface BarChart {
  id: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  bars: Bar[];
}

const WIDTH = 400;
const LABEL_WIDTH = 140;
const VALUE_WIDTH = 70;
const ROW = 30;
const BAR = 18;
const GAP = 8;
/** Longer labels are cut with an ellipsis (the full text is in the table beside the chart, and in the bar's tooltip). */
const MAX_LABEL = 19;

function shortLabel(label: string): string {
  const letters = [...label];
  return letters.length > MAX_LABEL ? `${letters.slice(0, MAX_LABEL - 1).join('').trimEnd()}…` : label;
}

/** Lays out one bar per input, scaled to `max` (100 for percentages). */
export function barChart(options: { id: string; title: string; summary: string; bars: BarInput[]; max: number; rtl: boolean }): BarChart {
  const room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bars = options.bars.map((input, i): Bar => {
    const value = input.value === null ? 0 : Math.max(0, Math.min(input.value, options.max));
    const barWidth = options.max > 0 ? Math.round((room * value) / options.max) : 0;
    const top = i * ROW;
    const common = {
      label: shortLabel(input.label),
      fullLabel: input.label,
      valueText: input.valueText,
      highlight: input.highlight ?? false,
      hasBar: input.value !== null && barWidth > 0,
      barY: top + (ROW - BAR) / 2,
      barWidth,
      barHeight: BAR,
      textY: top + ROW / 2 + 5,
    };
    return options.rtl
      ? { ...common, labelX: WIDTH - LABEL_WIDTH + GAP, labelAnchor: 'start', barX: WIDTH - LABEL_WIDTH - barWidth, valueX: WIDTH - LABEL_WIDTH - barWidth - GAP, valueAnchor: 'end' }
      : { ...common, labelX: LABEL_WIDTH - GAP, labelAnchor: 'end', barX: LABEL_WIDTH, valueX: LABEL_WIDTH + barWidth + GAP, valueAnchor: 'start' };
  });
  return { id: options.id, title: options.title, summary: options.summary, width: WIDTH, height: Math.max(ROW, bars.length * ROW), bars };
}
