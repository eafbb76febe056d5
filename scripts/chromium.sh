#!/usr/bin/env bash
# Prints the path of a headless Chromium for the browser tests, installing Debian's package when it is absent
# (as root, or through sudo). REGISTRY_CHROMIUM names another binary.
set -euo pipefail
if [ -n "${REGISTRY_CHROMIUM:-}" ]; then echo "$REGISTRY_CHROMIUM"; exit 0; fi
if ! command -v chromium >/dev/null; then
  as_root=""; [ "$(id -u)" -eq 0 ] || as_root="sudo -n"
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium; } >&2 ||
    { echo "Could not install Debian's chromium: install it, or set REGISTRY_CHROMIUM" >&2; exit 1; }
fi
command -v chromium
