import type { Route } from "../router";
import { chartFigure, palette, type ChartOption } from "../charts";
import { common, formatKg, formatPercent, words } from "../i18n";
import { h, show } from "../dom";
import { query } from "../graphql";
import {
  explainMissing, firstYear, kpiLabel, kpiProgress, kpiText, latest, missingOf, sourcesNote, targetFields, targetsOf,
  showFailure, thisYear, wideGrid, years, type Target,
} from "./kpiShared";

interface ElementRate { element: string; rate: number | null; numeratorKg: number; denominatorKg: number }
interface BatteryKpis { recoveryEfficiency: ElementRate[]; recycledContent: ElementRate[]; targets: Target[]; missing: string[] }
type Family = "recoveryEfficiency" | "recycledContent";

const text = words({
  en: {
    title: "Batteries",
    intro: "Per element, the share recovered from batteries entering recycling and the recycled share of batteries placed on the market, beside the EU Battery Regulation's targets.",
    element: "Element",
    rate: "Rate",
    recoveryEfficiencyNumerator: "In recycling outputs",
    recoveryEfficiencyDenominator: "In battery inputs to recycling",
    recycledContentNumerator: "Recycled",
    recycledContentDenominator: "In batteries placed on the market",
    none: "No battery figures in this year.",
  },
  ja: {
    title: "蓄電池",
    intro: "元素ごとに、リサイクル工程に入った電池からの回収率と、市場投入された電池の再生材含有率を、EU電池規則の目標と並べて示します。",
    element: "元素",
    rate: "率",
    recoveryEfficiencyNumerator: "リサイクル工程の産出",
    recoveryEfficiencyDenominator: "リサイクル工程への電池投入",
    recycledContentNumerator: "再生材",
    recycledContentDenominator: "市場投入された電池",
    none: "この年の蓄電池の値はありません。",
  },
});

const fields = "element rate numeratorKg denominatorKg";

/** Each element's rate as a bar beside a bar per target year, with the masses it is made of in the table. */
function familyFigure(family: Family, year: number, answer: BatteryKpis): HTMLElement {
  const rates = answer[family];
  const targets = answer.targets.filter((t) => t.kpi.startsWith(`battery.${family}.`));
  const targetYears = [...new Set(targets.map((t) => t.year))].sort();
  const targetOf = (element: string, y: number) => targetsOf(`battery.${family}.${element}`, targets).find((t) => t.year === y);
  const percent = (p: { value: number | null }) => (p.value === null ? "" : formatPercent(p.value));
  const bar = (name: string, data: (number | null)[], color: string) =>
    ({ name, type: "bar", data, itemStyle: { color }, label: { show: true, position: "top", formatter: percent } });
  const option: ChartOption = {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? formatPercent(v) : common().noValue) },
    legend: { bottom: 0 },
    grid: { left: 16, right: 16, top: 32, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: rates.map((r) => r.element) },
    yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
    series: [
      bar(String(year), rates.map((r) => r.rate), palette[0]),
      ...targetYears.map((y, i) =>
        bar(`${common().target} ${y}`, rates.map((r) => targetOf(r.element, y)?.value ?? null), [palette[1], palette[5]][i % 2])),
    ],
  };
  const why = (r: ElementRate) => (r.rate === null ? explainMissing(missingOf(answer.missing, `${family}.${r.element}`)) : "");
  const numerator = text()[`${family}Numerator`];
  const denominator = text()[`${family}Denominator`];
  const title = kpiLabel(`battery.${family}`);
  const figure = chartFigure(`${title} (${year})`, option, {
    fileName: `battery-${family}-${year}.csv`,
    header: [text().element, text().rate, `${numerator} (kg)`, `${denominator} (kg)`,
      ...targetYears.map((y) => `${common().target} ${y}`), kpiText().note],
    rows: rates.map((r) => [r.element, r.rate === null ? "" : formatPercent(r.rate), formatKg(r.numeratorKg), formatKg(r.denominatorKg),
      ...targetYears.map((y) => { const t = targetOf(r.element, y); return t ? formatPercent(t.value) : ""; }), why(r)]),
  });
  figure.id = `battery-${family}`;
  const nulls = rates.filter((r) => r.rate === null);
  figure.querySelector(".chart")!.after(
    ...(nulls.length ? [h("ul", {}, nulls.map((r) => h("li", {}, `${r.element}: ${why(r)}`)))] : []), sourcesNote(targets));
  return figure;
}

async function draw(results: HTMLElement, year: number): Promise<void> {
  show(results, h("p", { class: "loading" }, common().loading));
  const { batteryKpis } = await query<{ batteryKpis: BatteryKpis | null }>(`query($year: Int!) { batteryKpis(year: $year) {
    recoveryEfficiency { ${fields} } recycledContent { ${fields} } ${targetFields} missing } }`, { year });
  show(results, batteryKpis
    ? h("div", { style: wideGrid },
      familyFigure("recoveryEfficiency", year, batteryKpis), familyFigure("recycledContent", year, batteryKpis))
    : h("p", {}, text().none));
}

export const batteries: Route = {
  path: "batteries", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    // The year shown first is the latest with any battery figure.
    const { points } = await kpiProgress(thisYear());
    const shown = latest(points.filter((p) => p.kpi.startsWith("battery.")).sort((a, b) => a.year - b.year))?.year ?? thisYear();
    const results = h("div", {});
    const select = h("select", { id: "battery-year", onchange: () => void draw(results, Number(select.value)).catch(showFailure(results)) },
    years(firstYear, thisYear()).reverse().map((y) => h("option", { value: y, selected: y === shown }, String(y))));
    await draw(results, shown);
    show(main, h("h1", {}, text().title), h("p", {}, text().intro),
      h("div", { class: "controls" }, h("label", { for: "battery-year" }, common().year, select)), results);
  },
};
