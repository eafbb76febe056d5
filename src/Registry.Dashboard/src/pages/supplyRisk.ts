import type { Route } from "../router";
import { chartFigure, palette } from "../charts";
import { query } from "../graphql";
import { common, formatNumber, words } from "../i18n";
import { h, show } from "../dom";
import { dataTable, missingList, percentOr, round3 } from "./lotShared";

const text = words({
  en: {
    title: "Supply risk",
    intro: (country: string) => `EU-method supply risk of the elements the registry tracks, for imports into ${country}, from the lots registered in the year.`,
    element: "Element", sr: "Supply risk (SR)", hhi: "HHI (0–10,000)", top: "Top country", topShare: "Top share",
    ir: "Import reliance", eolRir: "EoL recycling input rate", above: "SR ≥ 1.0", yes: "yes", no: "no",
    none: "not computed", why: "Why figures are missing:", noData: "No element has sourcing in any recent year.",
    chart: "Supply risk against economic importance",
    ei: "Economic importance (EI, EU 2023)",
    eiNote: "The registry does not compute economic importance: EI is the EU 2023 assessment's figure (Grohol & Veeh 2023, Study on the Critical Raw Materials for the EU 2023, doi:10.2873/725585, as held in the registry's reference-data/supply-risk.json, status V2). SR is the registry's figure for the year. Dashed lines: the EU criticality thresholds SR 1.0 and EI 2.8.",
    notPlotted: (list: string) => `Not plotted: ${list} (no SR this year or no EU 2023 EI figure).`,
    sources: "Reference sources",
  },
  ja: {
    title: "供給リスク",
    intro: (country: string) => `レジストリが追跡する元素について、その年に登録されたロットから算出した${country}への輸入のEU方式供給リスク。`,
    element: "元素", sr: "供給リスク（SR）", hhi: "HHI（0〜10,000）", top: "最大供給国", topShare: "最大供給国の割合",
    ir: "輸入依存度", eolRir: "使用済み再生材投入率", above: "SR ≥ 1.0", yes: "はい", no: "いいえ",
    none: "算出不可", why: "値がない理由:", noData: "最近の年に供給元のある元素はありません。",
    chart: "供給リスクと経済的重要性",
    ei: "経済的重要性（EI、EU 2023）",
    eiNote: "レジストリは経済的重要性を算出しません。EIはEU 2023年評価の値です（Grohol & Veeh 2023、Study on the Critical Raw Materials for the EU 2023、doi:10.2873/725585。レジストリの reference-data/supply-risk.json に収録、ステータスV2）。SRはその年のレジストリの値です。破線はEUの重要性判定基準 SR 1.0 と EI 2.8。",
    notPlotted: (list: string) => `図に含まれない元素: ${list}（この年のSRがないか、EU 2023のEI値がない）。`,
    sources: "参照データの出典",
  },
});

/** The elements the registry's reference data and demo lots cover (C: natural graphite). */
const elements = ["Dy", "Tb", "Nd", "Pr", "Co", "Li", "Ni", "Cu", "Ga", "Ge", "C"];
/** EU 2023 economic importance, copied from reference-data/supply-risk.json (euAssessment2023); the API has no EI. */
const economicImportance: Record<string, number> = { Dy: 7.8, Tb: 6.4, Nd: 7.2, Co: 6.8, Li: 3.9, C: 3.4, Ni: 5.7, Cu: 4.0 };
const importingCountry = "JP";

interface SupplyRisk {
  element: string; hhi: number; topCountry: string | null; topShare: number | null; importReliance: number | null;
  eolRir: number | null; supplyRisk: number | null; aboveThreshold: boolean | null; missing: string[];
  sourcing: { country: string }[]; referenceSources: string[];
}

const fields = "element hhi topCountry topShare importReliance eolRir supplyRisk aboveThreshold missing sourcing { country } referenceSources";
const load = (year: number) => query<Record<string, SupplyRisk | null>>(
  `query($year: Int!, $c: String!) { ${elements.map((e) => `${e}: supplyRisk(element: "${e}", year: $year, importingCountry: $c) { ${fields} }`).join(" ")} }`,
  { year, c: importingCountry }).then((data) => elements.map((e) => data[e]).filter((r): r is SupplyRisk => r !== null));

const hasData = (rows: SupplyRisk[]) => rows.some((r) => r.sourcing.length > 0);

function draw(body: HTMLElement, year: number, rows: SupplyRisk[]): void {
  const t = text();
  const sr = (v: number | null) => (v === null ? t.none : formatNumber(v, 2));
  const table = dataTable(`${t.title} · ${year} · ${importingCountry}`,
    [t.element, t.sr, t.hhi, t.top, t.topShare, t.ir, t.eolRir, t.above],
    // HHI is 0 rather than null when nothing entered; the missing list says why, so the table says "not computed".
    rows.map((r) => [r.element, sr(r.supplyRisk), r.sourcing.length ? formatNumber(r.hhi) : t.none, r.topCountry ?? t.none, percentOr(r.topShare, t.none),
      percentOr(r.importReliance, t.none), percentOr(r.eolRir, t.none),
      r.aboveThreshold === null ? t.none : r.aboveThreshold ? t.yes : t.no]),
    [1, 2, 4, 5, 6], "supply-risk-table");
  const why = missingList(t.why, rows.flatMap((r) => r.missing.map((m) => `${r.element}: ${m}`)));

  const plotted = rows.filter((r) => r.supplyRisk !== null && economicImportance[r.element] !== undefined);
  const left = rows.filter((r) => !plotted.includes(r)).map((r) => r.element);
  const points = plotted.map((r) => ({ name: r.element, value: [economicImportance[r.element], r.supplyRisk as number] }));
  const chart = chartFigure(`${t.chart} · ${year}`, {
    tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: EI ${formatNumber(p.value[0], 1)}, SR ${formatNumber(p.value[1], 2)}` },
    xAxis: { type: "value", name: t.ei, nameLocation: "middle", nameGap: 28, min: 0 },
    yAxis: { type: "value", name: t.sr, min: 0 },
    series: [{
      type: "scatter", symbolSize: 14, itemStyle: { color: palette[0] }, data: points,
      label: { show: true, position: "right", formatter: "{b}" },
      markLine: { symbol: "none", lineStyle: { type: "dashed", color: palette[5] }, label: { formatter: "{b}" },
        data: [{ name: "SR 1.0", yAxis: 1.0 }, { name: "EI 2.8", xAxis: 2.8 }] },
    }],
  }, { fileName: `supply-risk-${year}.csv`, header: [t.element, t.ei, t.sr], rows: points.map((p) => [p.name, p.value[0], round3(p.value[1])]) });
  chart.id = "supply-risk-chart";
  const sources = [...new Set(rows.flatMap((r) => r.referenceSources))];
  show(body, h("section", { class: "panel" }, table, why), chart,
    h("p", { class: "muted" }, t.eiNote), left.length ? h("p", { class: "muted" }, t.notPlotted(left.join(", "))) : null,
    h("details", { class: "panel" }, h("summary", {}, t.sources), h("ul", {}, sources.map((s) => h("li", {}, s)))));
}

export const supplyRisk: Route = {
  path: "supply-risk", label: () => text().title, registryWide: true, inMenu: true,
  page: async (main) => {
    const t = text();
    const thisYear = new Date().getFullYear();
    const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
    // The latest year with sourcing is the default: the current year often has no lots yet.
    let year = years[0];
    let rows = await load(year);
    for (const earlier of years.slice(1)) {
      if (hasData(rows)) break;
      year = earlier;
      rows = await load(year);
    }
    const body = h("div", {});
    const select = h("select", { id: "supply-risk-year" }, years.map((y) => h("option", { value: y, selected: y === year }, String(y))));
    select.addEventListener("change", async () => {
      show(body, h("p", { class: "loading" }, common().loading));
      const chosen = Number(select.value);
      try { draw(body, chosen, await load(chosen)); } catch (error) {
        show(body, h("p", { class: "error", role: "alert" }, common().failed + String(error)));
      }
    });
    show(main, h("h1", {}, t.title), h("p", {}, t.intro(importingCountry)),
      h("div", { class: "controls" }, h("label", { for: "supply-risk-year" }, common().year, select)), body);
    if (hasData(rows)) draw(body, year, rows); else show(body, h("p", { class: "muted" }, t.noData));
  },
};
