import { GraphQLFailure, query } from "./graphql";
import { common, words } from "./i18n";
import { h, show } from "./dom";
import { session, type Viewer } from "./session";

const text = words({
  en: {
    title: "Sign in",
    intro: "Sign in with your organization's API key. It is kept in this tab only, until you sign out or close it.",
    key: "API key",
    submit: "Sign in",
    refused: "The registry does not know this key.",
  },
  ja: {
    title: "サインイン",
    intro: "組織のAPIキーでサインインしてください。キーはこのタブにのみ保持され、サインアウトするかタブを閉じると消去されます。",
    key: "APIキー",
    submit: "サインイン",
    refused: "このキーはレジストリに登録されていません。",
  },
});

/** Asks for a key and checks it by asking the registry who it belongs to. */
export function signInPage(main: HTMLElement, signedIn: () => void): void {
  const input = h("input", { id: "api-key", name: "api-key", type: "password", autocomplete: "off", required: true });
  const message = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "panel sign-in" },
    h("label", { for: "api-key" }, text().key), input,
    h("button", { type: "submit" }, text().submit), message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    try {
      const { viewer } = await query<{ viewer: Viewer | null }>("{ viewer { name role country gln } }", {}, key);
      if (!viewer) throw new GraphQLFailure("no viewer", undefined, 401);
      session.signIn(key, viewer);
      signedIn();
    } catch (error) {
      message.textContent = error instanceof GraphQLFailure && error.status === 401 ? text().refused : common().failed + String(error);
    }
  });
  show(main, h("h1", {}, text().title), h("p", {}, text().intro), form);
  input.focus();
}
