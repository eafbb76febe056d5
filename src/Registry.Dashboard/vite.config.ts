import { defineConfig } from "vite";

// Built into the API's web root: the registry serves the dashboard at / and GraphiQL at GET /graphql
// (src/Registry.Api/Web). Everything is bundled: no page loads anything from another host.
export default defineConfig({
  base: "/",
  // `npm run dev` against a running registry (./run.sh): its GraphQL endpoint answers the pages' queries.
  server: { proxy: { "/graphql": process.env.REGISTRY_URL ?? "http://127.0.0.1:5080" } },
  build: {
    outDir: "../Registry.Api/wwwroot",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { dashboard: "index.html", graphiql: "graphiql.html" },
      // GraphiQL's React packages mark modules "use client", which means nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
