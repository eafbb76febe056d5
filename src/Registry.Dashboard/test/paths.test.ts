import { describe, expect, it } from "vitest";
import { match, type Route } from "../src/paths";

const route = (path: string): Route => ({ path, label: () => path, page: async () => {}, registryWide: false, inMenu: true });
const routes = [route("lots"), route("lots/:id"), route("supply-risk")];

describe("match", () => {
  it("finds the route and decodes its parameters", () => {
    expect(match(routes, "#/lots/a%2Fb")).toEqual({ route: routes[1], params: ["a/b"] });
    expect(match(routes, "#/lots")).toEqual({ route: routes[0], params: [] });
    expect(match(routes, "#supply-risk")).toEqual({ route: routes[2], params: [] });
  });

  it("finds nothing for an unknown page, a missing or an extra segment", () => {
    for (const hash of ["", "#/", "#/trends", "#/lots/1/2"]) expect(match(routes, hash)).toBeNull();
  });
});
