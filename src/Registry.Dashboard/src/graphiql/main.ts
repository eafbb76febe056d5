import { createElement, type ComponentProps } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import "./graphiql.css";
import { session } from "../session";

type Fetcher = ComponentProps<typeof GraphiQL>["fetcher"];

/** Every request carries the key this tab signed in with (the dashboard's), read afresh so a new key applies at once. */
const fetcher: Fetcher = async (params, options) => {
  const key = session.key();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      ...options?.headers,
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(params),
  });
  return response.json();
};

const root = createRoot(document.getElementById("graphiql")!);
let generation = 0;
// A new key remounts GraphiQL, so it fetches the schema again with that key.
const draw = () => root.render(createElement(GraphiQL, { key: generation++, fetcher }));

// Without a signed-in key the page asks for one (kept for this tab only, like the dashboard's).
const form = document.getElementById("graphiql-key") as HTMLFormElement;
const input = document.getElementById("graphiql-key-input") as HTMLInputElement;
form.hidden = session.key() !== null;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  session.useKey(input.value.trim());
  input.value = "";
  form.hidden = true;
  draw();
});
draw();
