#!/usr/bin/env bash
# Installs what the editor tests need, outside the repository, skipping whatever is already there.
#   e2e/install.sh code-server     Debian packages (as root), node-gyp for node-pty's build, and
#                                  code-server from the npm registry into a cache folder
#                                  ($SLANT_E2E_CACHE, default ~/.cache/slant-e2e); prints its binary
#   e2e/install.sh debian PKG...   only Debian packages (the Neovim check: neovim)
# Needs only the Debian mirror and the npm registry.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
NODE_GYP_VERSION=12.4.0
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
PACKAGES=(build-essential python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)

cache="${SLANT_E2E_CACHE:-$HOME/.cache/slant-e2e}"
target="$cache/code-server-$CODE_SERVER_VERSION"
binary="$target/node_modules/.bin/code-server"
log() { printf 'e2e install: %s\n' "$*" >&2; }

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

apt_install() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  local started=$SECONDS
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt-get: $((SECONDS - started)) s"
}

case "${1:-}" in
  debian) shift; apt_install "$@"; exit 0 ;;
  code-server) ;;
  *) log "usage: e2e/install.sh code-server | debian PKG..."; exit 2 ;;
esac

if [ -x "$binary" ] && [ -f "$target/.complete" ]; then
  log "code-server $CODE_SERVER_VERSION already in $target"
  apt_install chromium
  printf '%s\n' "$binary"
  exit 0
fi

started=$SECONDS
apt_install "${PACKAGES[@]}"

if [ "$(npm ls -g --depth=0 --parseable "node-gyp@$NODE_GYP_VERSION" 2>/dev/null | grep -c node-gyp)" -eq 0 ]; then
  log "npm i -g node-gyp@$NODE_GYP_VERSION"
  npm i -g --no-audit --no-fund --loglevel=error "node-gyp@$NODE_GYP_VERSION" >/dev/null
fi

# @vscode/ripgrep downloads rg from GitHub unless this tarball is already in os.tmpdir().
tmp="$(node -p 'require("os").tmpdir()')"
rg_dir="$tmp/$RIPGREP_CACHE"
if [ ! -s "$rg_dir/$RIPGREP_TARBALL" ]; then
  mkdir -p "$rg_dir"
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  tar -czf "$rg_dir/$RIPGREP_TARBALL" -C "$staging" rg
  rm -rf "$staging"
fi

# Install into a scratch folder and move it into place when complete, so an interrupted install
# is never mistaken for a finished one.
mkdir -p "$cache"
work="$(mktemp -d "$cache/install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
printf '{ "name": "slant-e2e-code-server", "private": true }\n' > "$work/package.json"
log "npm install code-server@$CODE_SERVER_VERSION (about 2 minutes; log: $cache/install.log)"
if ! (cd "$work" && npm_config_yes=true npm install --unsafe-perm --foreground-scripts --no-audit --no-fund \
  "code-server@$CODE_SERVER_VERSION" >"$cache/install.log" 2>&1); then
  tail -n 40 "$cache/install.log" >&2
  log "installing code-server failed (whole log: $cache/install.log)"
  exit 1
fi
"$work/node_modules/.bin/code-server" --version >/dev/null
touch "$work/.complete"
rm -rf "$target"
mv "$work" "$target"
trap - EXIT
log "code-server $CODE_SERVER_VERSION installed in $target ($((SECONDS - started)) s, $(du -sh "$target" | cut -f1))"
printf '%s\n' "$binary"
