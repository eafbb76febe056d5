import * as echarts from "echarts/core";
import { BarChart, GraphChart, LineChart, SankeyChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { downloadCsv, type Cell } from "./csv";
import { common } from "./i18n";
import { h } from "./dom";

// Only the parts drawn here are bundled. SVG keeps every label as text in the page: screen readers and the
// browser tests read the figures the chart shows.
echarts.use([BarChart, GraphChart, LineChart, SankeyChart, ScatterChart, AriaComponent, GridComponent, LegendComponent,
  MarkLineComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartData { fileName: string; header: string[]; rows: Cell[][] }

const live = new Set<echarts.ECharts>();
window.addEventListener("resize", () => live.forEach((chart) => chart.resize()));

/** Charts of the page being left are disposed before the next one draws. */
export function disposeCharts(): void {
  live.forEach((chart) => chart.dispose());
  live.clear();
}

/**
 * A chart with its title, its data as a table (for screen readers and for reading the exact figures) and a CSV
 * download of the same rows. It draws once the figure is in the page.
 */
export function chartFigure(title: string, option: ChartOption, data: ChartData, height = 360): HTMLElement {
  const canvas = h("div", { class: "chart", style: `height:${height}px`, role: "img", "aria-label": title });
  const table = h("table", { class: "data" },
    h("thead", {}, h("tr", {}, data.header.map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, data.rows.map((row) => h("tr", {}, row.map((cell) => h("td", {}, cell === null || cell === undefined ? "" : String(cell)))))));
  const figure = h("figure", { class: "panel" },
    h("figcaption", {}, h("span", {}, title),
      h("button", { type: "button", class: "csv", onclick: () => downloadCsv(data.fileName, data.header, data.rows) }, common().downloadCsv)),
    canvas,
    h("details", {}, h("summary", {}, common().dataTable), table));
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    const chart = echarts.init(canvas, undefined, { renderer: "svg" });
    chart.setOption({ aria: { enabled: true }, animation: false, ...option });
    live.add(chart);
  });
  return figure;
}

/** The series colours, in an order readable by the colour-blind (Okabe-Ito). */
export const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
