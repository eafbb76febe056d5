import "./styles.css";
import { common, locale, onLocaleChange, setLocale } from "./i18n";
import { h, show } from "./dom";
import { match, render } from "./router";
import { routes } from "./routes";
import { readsRegistryWide, session, type Viewer } from "./session";
import { signInPage } from "./signIn";

const header = h("header", { class: "top" });
const nav = h("nav", { "aria-label": "Pages" });
const main = h("main", { id: "main", tabindex: "-1" });
document.getElementById("app")!.append(header, main);
document.documentElement.lang = locale();

const visibleTo = (viewer: Viewer) => routes.filter((r) => r.registryWide === readsRegistryWide(viewer));

function drawHeader(viewer: Viewer | null): void {
  // The other language's name, in that language (its lang attribute lets screen readers say it right).
  const other = locale() === "en" ? "ja" : "en";
  const language = h("button", { type: "button", class: "language", lang: other, onclick: () => setLocale(other) }, common().language);
  const account = viewer
    ? [h("span", { class: "viewer" }, `${viewer.name} (${viewer.role})`),
      h("button", { type: "button", class: "sign-out", onclick: () => { session.signOut(); location.hash = ""; start(); } }, common().signOut)]
    : [];
  show(nav, viewer
    ? h("ul", {}, visibleTo(viewer).filter((r) => r.inMenu).map((r) => h("li", {}, h("a", { href: `#/${r.path}` }, r.label()))))
    : null);
  show(header, h("span", { class: "brand" }, common().appName), nav, h("span", { class: "tools" }, language, ...account));
  markCurrent();
}

function markCurrent(): void {
  nav.querySelectorAll("a").forEach((a) => (a.getAttribute("href") === location.hash.split("?")[0]
    ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current")));
}

async function route(): Promise<void> {
  const viewer = session.viewer();
  if (!viewer || !session.key()) { drawHeader(null); signInPage(main, start); return; }
  const allowed = visibleTo(viewer);
  const found = match(allowed, location.hash);
  if (!found) { location.replace(`#/${allowed[0].path}`); return; }
  document.title = `${found.route.label()} · ${common().appName}`;
  markCurrent();
  await render(main, found.route, found.params, viewer);
}

function start(): void {
  drawHeader(session.viewer());
  void route();
}

window.addEventListener("hashchange", () => void route());
onLocaleChange(start);
start();
