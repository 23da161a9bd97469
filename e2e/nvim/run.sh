#!/usr/bin/env bash
# `npm run test:nvim`: the Neovim check (check.lua) against the built server. Needs Neovim 0.7 or
# later on the PATH (Debian: e2e/install.sh debian neovim) and `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v nvim >/dev/null; then
  echo "nvim: Neovim is not installed (Debian: e2e/install.sh debian neovim, as root)" >&2
  exit 1
fi
[ -f dist/cli.cjs ] || { echo "nvim: dist/cli.cjs is missing; run npm run build" >&2; exit 1; }
# -n: no swap file, -i NONE: no shada; the check never writes the sample.
exec timeout 120 nvim --headless -u NONE -n -i NONE -c 'luafile e2e/nvim/check.lua'
