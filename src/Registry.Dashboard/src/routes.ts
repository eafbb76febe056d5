import type { Route } from "./router";
import { overview } from "./pages/overview";
import { trends } from "./pages/trends";
import { flows } from "./pages/flows";
import { batteries } from "./pages/batteries";
import { rareEarths } from "./pages/rareEarths";
import { supplyRisk } from "./pages/supplyRisk";
import { exposure } from "./pages/exposure";
import { lots } from "./pages/lots";
import { lot } from "./pages/lot";

/** Every page, in menu order: the first a viewer may open is its home. Each page module exports its Route. */
export const routes: Route[] = [overview, trends, flows, batteries, rareEarths, supplyRisk, exposure, lots, lot];
