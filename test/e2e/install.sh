#!/usr/bin/env bash
# Installs what the real-editor tests (npm run test:e2e) need on a fresh Debian 12 machine, offline except for
# Debian apt and the npm registry. Idempotent: work already done is skipped, so a second run takes about a second.
#   - Debian packages: chromium (the browser), ripgrep (replaces @vscode/ripgrep's GitHub download),
#     libkrb5-dev + build-essential + python3 (node-gyp builds code-server's native modules from source)
#   - code-server 4.100.3 (bundles VS Code 1.100.3; needs Node 20) into a cache dir outside the repo:
#     ${AGENTCOST_E2E_HOME:-/opt/agentcost-e2e}/code-server
# The recipe and its pitfalls: test/e2e/README.md.
set -euo pipefail

E2E_HOME="${AGENTCOST_E2E_HOME:-/opt/agentcost-e2e}"
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11 # @vscode/ripgrep version code-server 4.100.3's lib/vscode depends on
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CS_DIR="$E2E_HOME/code-server"
CS_MARKER="$CS_DIR/.installed-$CS_VERSION"

log() { printf '[e2e-install] %s\n' "$*"; }
SECONDS=0

# ---- Debian packages -----------------------------------------------------------------------------
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in chromium libkrb5-dev ripgrep build-essential python3; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
  done
  if ((${#missing[@]})); then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    log "apt-get install ${missing[*]}"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
  else
    log "Debian packages already installed"
  fi
else
  log "no dpkg: install chromium, ripgrep, libkrb5-dev, a C++ toolchain and python3 yourself"
fi

# ---- code-server ---------------------------------------------------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  # code-server 4.100.3's postinstall refuses any other major; its native modules are built for this Node
  log "warning: Node $node_major found, code-server $CS_VERSION wants Node 20 (forcing; untested)"
  export FORCE_NODE_VERSION="$node_major"
fi

if [ -f "$CS_MARKER" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
else
  log "installing code-server $CS_VERSION into $CS_DIR (a few minutes: native modules are compiled)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  echo '{"private":true}' >"$CS_DIR/package.json"

  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the asset in its cache dir
  # under os.tmpdir(); give it Debian's rg there, in a private TMPDIR removed afterwards.
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION" "$stage/rg"
  cp "$(command -v rg)" "$stage/rg/rg"
  tar -czf "$stage/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$stage/rg" rg

  # npm_config_yes: node-pty's postinstall runs `npx node-gyp` with no TTY
  # npm_config_unsafe_perm: code-server's postinstall.sh checks it when run as root
  (
    cd "$CS_DIR"
    TMPDIR="$stage/tmp" npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false \
      npm_config_audit=false npm_config_update_notifier=false \
      npm install --no-save --loglevel=error "code-server@$CS_VERSION"
  )
  "$CS_DIR/node_modules/.bin/code-server" --config "$stage/config.yaml" --version # --config: keep $HOME clean
  test -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  touch "$CS_MARKER"
fi

log "done in ${SECONDS}s"
