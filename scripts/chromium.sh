#!/usr/bin/env bash
# Prints the path of a headless Chromium for the browser tests, installing Debian's package when it is absent
# (as root, or through sudo), and a Japanese font, without which the Japanese pages' screenshots show boxes.
# REGISTRY_CHROMIUM names another binary.
set -euo pipefail
if [ -n "${REGISTRY_CHROMIUM:-}" ]; then echo "$REGISTRY_CHROMIUM"; exit 0; fi
missing=""
command -v chromium >/dev/null || missing="chromium"
[ -n "$(fc-list :lang=ja 2>/dev/null)" ] || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
  as_root=""; [ "$(id -u)" -eq 0 ] || as_root="sudo -n"
  # shellcheck disable=SC2086
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing; } >&2 ||
    { echo "Could not install Debian's$missing: install it, or set REGISTRY_CHROMIUM" >&2; exit 1; }
fi
command -v chromium
