#!/usr/bin/env bash
# Builds the web pages (src/Registry.Dashboard: the dashboard and GraphiQL) into src/Registry.Api/wwwroot, which the
# registry serves. Installs the locked npm packages first when they are missing or the lockfile changed. Needs
# Node.js 20.19 or later (Vite 8) on PATH.
set -euo pipefail
cd "$(dirname "$0")/../src/Registry.Dashboard"
command -v node >/dev/null || { echo "The web pages need Node.js 20.19+ and npm on PATH" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  { echo "The web pages need Node.js 20.19+ (found $(node --version))" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build > /dev/null
