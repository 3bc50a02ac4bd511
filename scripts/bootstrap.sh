#!/usr/bin/env bash
# Installs what unionhome needs on Debian/Ubuntu: system packages, a virtualenv, Python packages.
# Usage: scripts/bootstrap.sh [run|dev]   (dev adds test tools and Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-run}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo ">> 安装系统软件包: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

PKGS=(python3 python3-venv python3-dev gettext)
if [ "$MODE" = dev ]; then PKGS+=(chromium fonts-noto-cjk libreoffice-writer-nogui); fi
if command -v dpkg >/dev/null 2>&1; then apt_install "${PKGS[@]}"; fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo ">> 创建虚拟环境 .venv"
  "$PY" -m venv .venv
fi
REQ=requirements.txt
[ "$MODE" = dev ] && REQ=requirements-dev.txt
STAMP=".venv/.installed-$(sha256sum "$REQ" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo ">> 安装 Python 依赖 ($REQ)"
  .venv/bin/pip install -q --disable-pip-version-check -r "$REQ"
  touch "$STAMP"
fi
# English translations (Chinese is the source language and needs no catalogue).
if command -v msgfmt >/dev/null 2>&1; then
  .venv/bin/python manage.py compilemessages -v0 --ignore=.venv >/dev/null 2>&1 || true
fi
