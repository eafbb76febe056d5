import type { Route } from "../router";
import { query } from "../graphql";
import { common, formatKg, formatNumber, words } from "../i18n";
import { h, show } from "../dom";
import { dataTable, lotHref } from "./lotShared";

const text = words({
  en: {
    title: "Lots",
    intro: "The lots your organization registered, produced or holds. Open one for its history, composition and trace.",
    search: "Lot number (exact)", find: "Find", notFound: (n: string) => `Your organization has no lot numbered “${n}”.`,
    category: "Category", material: "Material", stage: "Stage", any: "any",
    count: (from: string, to: string, total: string) => `Lots ${from}–${to} of ${total}`, none: "No lot matches the filter.",
    number: "Lot number", holder: "Holder", mass: "Mass", remaining: "Remaining",
    next: "Next page", previous: "Previous page", all: "Show all lots",
  },
  ja: {
    title: "ロット",
    intro: "自組織が登録・生産・保有するロット。開くと履歴・組成・トレースを表示します。",
    search: "ロット番号（完全一致）", find: "検索", notFound: (n: string) => `自組織に「${n}」というロット番号はありません。`,
    category: "区分", material: "素材", stage: "段階", any: "すべて",
    count: (from: string, to: string, total: string) => `${total}件中${from}〜${to}件`, none: "条件に合うロットはありません。",
    number: "ロット番号", holder: "保有者", mass: "質量", remaining: "残量",
    next: "次のページ", previous: "前のページ", all: "すべてのロットを表示",
  },
});

const categories = ["Plastic", "BatteryMaterial", "RareMetal", "Product"];
const stages = ["Active", "OnMarket", "Waste", "Closed"];
const pageSize = 20;

interface LotRow { id: string; lotNumber: string; holder: string; category: string; material: string; stage: string; massKg: number; remainingKg: number }
const rowFields = "id lotNumber holder category material stage massKg remainingKg";

function lotTable(lots: LotRow[], caption: string): HTMLElement {
  const t = text();
  return dataTable(caption, [t.number, t.category, t.material, t.stage, t.holder, t.mass, t.remaining],
    lots.map((l) => [h("a", { href: lotHref(l.id) }, l.lotNumber), l.category, l.material, l.stage, l.holder,
      formatKg(l.massKg), formatKg(l.remainingKg)]), [5, 6], "lots-table");
}

const select = (id: string, values: string[]) =>
  h("select", { id }, h("option", { value: "" }, text().any), values.map((v) => h("option", { value: v }, v)));

export const lots: Route = {
  path: "lots", label: () => text().title, registryWide: false, inMenu: true,
  page: async (main) => {
    const t = text();
    const { materials } = await query<{ materials: { code: string }[] }>("{ materials { code } }");
    const number = h("input", { id: "lot-search", type: "search", autocomplete: "off" });
    const category = select("lot-category", categories);
    const material = select("lot-material", [...new Set(materials.map((m) => m.code))].sort());
    const stage = select("lot-stage", stages);
    const body = h("div", { id: "lots-body" });
    // Cursors of the pages before the one shown, so that "previous" can go back (the API pages forward only).
    let cursors: (string | null)[] = [];

    const filter = () => Object.fromEntries([["category", category.value], ["material", material.value], ["stage", stage.value]]
      .filter(([, v]) => v));
    async function list(after: string | null): Promise<void> {
      const { lots: page } = await query<{ lots: { totalCount: number; nodes: LotRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
        `query($f: LotFilter, $n: Int, $a: String) { lots(filter: $f, first: $n, after: $a) {
          totalCount nodes { ${rowFields} } pageInfo { hasNextPage endCursor } } }`, { f: filter(), n: pageSize, a: after });
      const first = cursors.length * pageSize;
      const nav = h("div", { class: "controls" },
        cursors.length ? h("button", { type: "button", onclick: () => void list(cursors.pop() ?? null) }, t.previous) : null,
        page.pageInfo.hasNextPage ? h("button", { type: "button", onclick: () => { cursors.push(after); void list(page.pageInfo.endCursor); } }, t.next) : null);
      const count = t.count(formatNumber(first + 1), formatNumber(first + page.nodes.length), formatNumber(page.totalCount));
      show(body, h("p", { id: "lots-count", "aria-live": "polite" }, page.nodes.length ? count : t.none),
        page.nodes.length ? h("section", { class: "panel" }, lotTable(page.nodes, count)) : null,
        nav);
    }
    const relist = () => { cursors = []; void list(null).catch(failed); };
    const failed = (error: unknown) => show(body, h("p", { class: "error", role: "alert" }, common().failed + String(error)));
    [category, material, stage].forEach((s) => s.addEventListener("change", relist));

    const search = h("form", { class: "controls", role: "search" },
      h("label", { for: "lot-search" }, t.search, number), h("button", { type: "submit" }, t.find));
    search.addEventListener("submit", async (event) => {
      event.preventDefault();
      const wanted = number.value.trim();
      if (!wanted) { relist(); return; }
      try {
        const { lot } = await query<{ lot: LotRow | null }>(`query($n: String) { lot(lotNumber: $n) { ${rowFields} } }`, { n: wanted });
        show(body, lot ? h("section", { class: "panel" }, lotTable([lot], t.search)) : h("p", { class: "muted", role: "status" }, t.notFound(wanted)),
          h("button", { type: "button", onclick: () => { number.value = ""; relist(); } }, t.all));
      } catch (error) { failed(error); }
    });

    show(main, h("h1", {}, t.title), h("p", {}, t.intro), search,
      h("div", { class: "controls" }, h("label", { for: "lot-category" }, t.category, category),
        h("label", { for: "lot-material" }, t.material, material), h("label", { for: "lot-stage" }, t.stage, stage)), body);
    await list(null);
  },
};
