/**
 * A column chart as SVG geometry, drawn by `views/partials/column-chart.hbs` on the server (no
 * JavaScript): one column per point of a series in time (a cohort's weeks), the same accessibility
 * pattern as the bar chart (`bar-chart.ts`): a title and a text summary (the SVG's <title> and
 * <desc>) and the table of its figures beside it. In a right-to-left page time runs right to left:
 * the first point stands on the right. The geometry is laid out left to right (the stylesheet sets
 * `direction: ltr` on the SVG), 400 units wide.
 */
export interface ColumnInput {
  /** The point's label under its column (a week's date), and the whole in its tooltip. */
  label: string;
  /** Null: no column (a figure missing); `valueText` says why. */
  value: number | null;
  valueText: string;
}

export interface Column {
  label: string;
  valueText: string;
  hasColumn: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The centre of the column, where its label and value stand. */
  centreX: number;
  /** Only some labels are drawn when there are many columns; every one is in the table. */
  showLabel: boolean;
  /** Values are drawn above the columns only when there are few. */
  showValue: boolean;
  valueY: number;
}

export interface ColumnChart {
  id: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  labelY: number;
  baseY: number;
  columns: Column[];
}

const WIDTH = 400;
const TOP = 20;
const PLOT = 140;
const LABELS = 24;
const MAX_SLOT = 40;
/** Labels drawn under the columns at most (every n-th column's); values drawn only up to this many columns. */
const MAX_LABELS = 6;
const MAX_VALUES = 12;

/** Lays out one column per input, in order, scaled to `max` (the largest value when not given). */
export function columnChart(options: { id: string; title: string; summary: string; columns: ColumnInput[]; max?: number; rtl: boolean }): ColumnChart {
  const n = options.columns.length;
  const max = options.max ?? Math.max(0, ...options.columns.map((c) => c.value ?? 0));
  const slot = n > 0 ? Math.min(MAX_SLOT, WIDTH / n) : MAX_SLOT;
  const width = Math.max(1, Math.round(slot * 0.7 * 100) / 100);
  const every = Math.max(1, Math.ceil(n / MAX_LABELS));
  const baseY = TOP + PLOT;
  const columns = options.columns.map((input, i): Column => {
    const value = input.value === null ? 0 : Math.max(0, Math.min(input.value, max));
    const height = max > 0 ? Math.round((PLOT * value) / max) : 0;
    const slotStart = options.rtl ? WIDTH - (i + 1) * slot : i * slot;
    const x = Math.round((slotStart + (slot - width) / 2) * 100) / 100;
    return {
      label: input.label,
      valueText: input.valueText,
      hasColumn: input.value !== null && height > 0,
      x,
      y: baseY - height,
      width,
      height,
      centreX: Math.round((slotStart + slot / 2) * 100) / 100,
      // The last point is always labelled (the latest week), and every n-th counting back from it.
      showLabel: (n - 1 - i) % every === 0,
      showValue: n <= MAX_VALUES,
      valueY: baseY - height - 5,
    };
  });
  return { id: options.id, title: options.title, summary: options.summary, width: WIDTH, height: baseY + LABELS, labelY: baseY + 16, baseY, columns };
}
