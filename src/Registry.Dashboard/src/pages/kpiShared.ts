/**
 * What the KPI pages (overview, trends, batteries, rare earths) share: the query, the KPIs' names, their values
 * and targets in words, and the per-year trend chart.
 */
import { chartFigure, palette, type ChartOption } from "../charts";
import type { Cell } from "../csv";
import { h, show } from "../dom";
import { query } from "../graphql";
import { common, formatKg, formatNumber, formatPercent, words } from "../i18n";

export interface Target { kpi: string; year: number; value: number; unit: string; source: string; status: string }
export interface Point { kpi: string; year: number; value: number | null; unit: string; missing: string[] }
export interface Progress { points: Point[]; targets: Target[] }

/** The first year the registry holds figures for. */
export const firstYear = 2019;
export const thisYear = (): number => new Date().getUTCFullYear();
export const years = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const targetFields = "targets { kpi year value unit source status }";

/**
 * Every KPI per year from 2019, with every target (kpiProgress gives only the next one per year; the KPI
 * answers list them all, e.g. both the 2027 and the 2031 battery targets).
 */
export async function kpiProgress(to: number, asOf?: string): Promise<Progress> {
  const data = await query<{
    kpiProgress: Point[] | null; plasticsKpis: { targets: Target[] } | null;
    batteryKpis: { targets: Target[] } | null; rareEarthKpis: { targets: Target[] } | null;
  }>(`query($to: Int!, $asOf: DateTime) {
    kpiProgress(from: ${firstYear}, to: $to, asOf: $asOf) { kpi year value unit missing }
    plasticsKpis(year: $to, asOf: $asOf) { ${targetFields} }
    batteryKpis(year: $to, asOf: $asOf) { ${targetFields} }
    rareEarthKpis(year: $to, asOf: $asOf) { ${targetFields} }
  }`, { to, asOf: asOf ?? null });
  return {
    points: data.kpiProgress ?? [],
    targets: [data.plasticsKpis, data.batteryKpis, data.rareEarthKpis].flatMap((answer) => answer?.targets ?? []),
  };
}

/** Says in the page's results region that a re-query failed (the router says it for the first drawing). */
export const showFailure = (results: HTMLElement) => (error: unknown): void =>
  show(results, h("p", { class: "error", role: "alert" }, common().failed + (error instanceof Error ? error.message : String(error))));

/** The KPIs in the order the pages list them (the order kpiProgress answers in). */
export const kpiKeys = (points: Point[]): string[] => [...new Set(points.map((p) => p.kpi))];

/** The KPIs' families, each a heading of the pages: the first part of their keys. */
export const kpiGroups = (): [string, string][] =>
  [["plastics", kpiText().plastics], ["battery", kpiText().battery], ["rareEarth", kpiText().rareEarth]];

/** Two charts abreast on a wide screen, one on a narrow one (styles.css belongs to the shell). */
export const wideGrid = "display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,34rem),1fr))";

/** A KPI's targets, earliest first. */
export const targetsOf = (kpi: string, targets: Target[]): Target[] =>
  targets.filter((t) => t.kpi === kpi).sort((a, b) => a.year - b.year);

/**
 * The last year with a value, or null when no year has one. A mass of 0 after the last year with one means nothing is
 * recorded yet (the current year, say), not a fall to zero: the last year with a mass is the latest.
 */
export function latest(points: Point[]): (Point & { value: number }) | null {
  const valued = points.filter((p): p is Point & { value: number } => p.value !== null);
  return valued.filter((p) => p.unit === "fraction" || p.value !== 0).at(-1) ?? valued.at(-1) ?? null;
}

export const kpiText = words({
  en: {
    "plastics.effectiveUtilizationRate": "Effective utilization rate of plastic waste",
    "plastics.recyclingRate": "Recycling rate of plastic waste (EU-style)",
    "plastics.biomassPlacedOnMarketKg": "Biomass plastics placed on the market",
    "battery.recoveryEfficiency": "Battery material recovery efficiency",
    "battery.recycledContent": "Battery recycled content",
    "rareEarth.hreFreeShare": "Share of xEVs with heavy-rare-earth-free magnets",
    plastics: "Plastics",
    battery: "Batteries",
    rareEarth: "Rare earths",
    units: "units",
    points: " points",
    value: "Value",
    note: "Note",
    actual: "Recorded",
    path: "Path needed to the target",
    noTarget: "No target is set for this figure.",
    unverified: "(not yet verified in a primary source)",
    perYear: (step: string, target: string, year: number) => `${step} a year needed to reach ${target} by ${year}`,
    met: (target: string, year: number) => `Already at or above the ${year} target of ${target}`,
    overdue: (target: string, year: number) => `The ${year} target of ${target} was not reached`,
  },
  ja: {
    "plastics.effectiveUtilizationRate": "廃プラスチックの有効利用率",
    "plastics.recyclingRate": "廃プラスチックのリサイクル率（EU方式）",
    "plastics.biomassPlacedOnMarketKg": "バイオマスプラスチックの市場投入量",
    "battery.recoveryEfficiency": "電池材料の回収率",
    "battery.recycledContent": "電池の再生材含有率",
    "rareEarth.hreFreeShare": "重希土類フリー磁石を使うxEVの比率",
    plastics: "プラスチック",
    battery: "蓄電池",
    rareEarth: "レアアース",
    units: "台",
    points: "ポイント",
    value: "値",
    note: "備考",
    actual: "実績",
    path: "目標達成に必要な推移",
    noTarget: "この指標には目標が設定されていません。",
    unverified: "（一次資料で未確認）",
    perYear: (step: string, target: string, year: number) => `${year}年までに${target}に達するには年${step}が必要`,
    met: (target: string, year: number) => `${year}年の目標${target}を既に達成`,
    overdue: (target: string, year: number) => `${year}年の目標${target}は未達`,
  },
});

/** A KPI's name; battery KPIs end with their element ("battery.recoveryEfficiency.Li"). */
export function kpiLabel(kpi: string): string {
  const [group, name, element] = kpi.split(".");
  const key = `${group}.${name}` as keyof ReturnType<typeof kpiText>;
  const label = kpiText()[key];
  return typeof label === "string" ? (element ? `${label}: ${element}` : label) : kpi;
}

/** A figure in its unit: rates as rounded percentages, masses in kg, products as a count. */
export function formatValue(value: number, unit: string): string {
  if (unit === "fraction") return formatPercent(value);
  if (unit === "kg") return formatKg(value);
  return `${formatNumber(value)} ${kpiText().units}`;
}

/** A null figure in words: the registry's own reasons (in English, as it gives them). */
export const explainMissing = (missing: string[]): string =>
  `${common().noValue}${missing.length ? `: ${missing.join("; ")}` : ""}`;

/** The reasons of one figure from an answer's `missing` ("recycledContent.Pb: why"). */
export const missingOf = (missing: string[], figure: string): string[] =>
  missing.filter((m) => m.startsWith(`${figure}: `)).map((m) => m.slice(figure.length + 2));

/** The target with its year, flagged when the registry says it is not verified. */
export const formatTarget = (t: Target): string =>
  `${formatValue(t.value, t.unit)} (${t.year})${t.status === "UNVERIFIED" ? ` ${kpiText().unverified}` : ""}`;

/** The straight line from the latest value to a target: the yearly step needed, or whether it is met. */
export function trajectory(from: Point & { value: number }, target: Target): string {
  const goal = formatValue(target.value, target.unit);
  if (from.value >= target.value) return kpiText().met(goal, target.year);
  if (target.year <= from.year) return kpiText().overdue(goal, target.year);
  const step = (target.value - from.value) / (target.year - from.year);
  // In percentage points; a second decimal keeps a small step (Cu 94.7% to 95%) from reading "+0".
  const stepText = target.unit === "fraction"
    ? `+${formatNumber(step * 100, step < 0.001 ? 2 : 1)}${kpiText().points}`
    : `+${formatValue(step, target.unit)}`;
  return kpiText().perYear(stepText, goal, target.year);
}

/** The first target due after the latest value's year and not yet met: the one its path leads to. */
export const nextTarget = (from: Point & { value: number }, targets: Target[]): Target | undefined =>
  targets.find((t) => t.year > from.year && t.value > from.value);

/**
 * A KPI per year from 2019 as a line with its rounded value at each point, each target as a level line and a
 * dashed straight path from the latest value to the next target; the targets' sources under the chart.
 * `extra` adds columns to the data table (e.g. the counts a share is made of).
 */
export function trendFigure(id: string, points: Point[], targets: Target[],
  extra?: { header: string[]; cells: (point: Point) => Cell[] }): HTMLElement {
  const unit = points[0]?.unit ?? "fraction";
  const last = Math.max(...points.map((p) => p.year), ...targets.map((t) => t.year));
  const axis = years(firstYear, last);
  const byYear = new Map(points.map((p) => [p.year, p]));
  const from = latest(points);
  const to = from ? nextTarget(from, targets) : undefined;
  const pathData = axis.map((y) => (from && to && y === from.year ? from.value : to && y === to.year ? to.value : null));
  const label = (v: number) => formatValue(v, unit);
  // Targets of the same level (Pb 85% in 2031 and 2036) share one line, so their labels do not overlap.
  // With two levels close together (90% and 95%), the lower one's label goes under its line.
  const levels = [...new Set(targets.map((t) => t.value))].sort((a, b) => a - b).map((value, i, all) => ({
    yAxis: value,
    label: {
      position: i === 0 && all.length > 1 ? "insideEndBottom" : "insideEndTop",
      formatter: `${common().target} ${targets.filter((t) => t.value === value).map((t) => t.year).join(", ")}: ${label(value)}`,
    },
  }));
  const title = kpiLabel(points[0]?.kpi ?? id);
  const option: ChartOption = {
    color: palette,
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? label(v) : common().noValue) },
    legend: { bottom: 0 },
    grid: { left: 16, right: 24, top: 32, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: axis.map(String) },
    yAxis: { type: "value", axisLabel: { formatter: label }, min: 0, max: unit === "fraction" ? 1 : undefined },
    series: [
      {
        name: kpiText().actual, type: "line", data: axis.map((y) => byYear.get(y)?.value ?? null), connectNulls: false,
        label: { show: true, position: "top", formatter: (p: { value: number }) => label(p.value) },
        markLine: levels.length ? { symbol: "none", silent: true, lineStyle: { type: "solid", color: palette[5] }, data: levels,
          label: { color: palette[5] } } : undefined,
      },
      ...(to ? [{ name: kpiText().path, type: "line", data: pathData, connectNulls: true, symbol: "none", lineStyle: { type: "dashed" } }] : []),
    ],
  };
  const nextOf = (year: number) => targets.find((t) => t.year >= year) ?? targets.at(-1);
  const rows = points.map((p) => {
    const t = nextOf(p.year);
    return [p.year, p.value === null ? "" : label(p.value), t ? formatTarget(t) : "", ...(extra?.cells(p) ?? []),
      p.value === null ? explainMissing(p.missing) : ""];
  });
  const figure = chartFigure(title, option, {
    fileName: `${id}.csv`,
    header: [common().year, kpiText().value, common().target, ...(extra?.header ?? []), kpiText().note],
    rows,
  });
  figure.id = id;
  // When every target ahead is met already, the summary says so of the next one.
  const ahead = from ? to ?? targets.find((t) => t.year > from.year) : undefined;
  const summary = from ? `${formatValue(from.value, unit)} (${from.year})${ahead ? `: ${trajectory(from, ahead)}` : ""}`
    : `${points.at(-1)?.year ?? ""}: ${explainMissing(points.at(-1)?.missing ?? [])}`;
  figure.querySelector(".chart")!.after(h("p", {}, summary), sourcesNote(targets));
  return figure;
}

/** Where each target comes from, or that there is none. */
export function sourcesNote(targets: Target[]): HTMLElement {
  return targets.length
    ? h("ul", { class: "muted sources" }, [...new Set(targets.map((t) => t.source))].map((s) => h("li", {}, `${common().source}: ${s}`)))
    : h("p", { class: "muted" }, kpiText().noTarget);
}
