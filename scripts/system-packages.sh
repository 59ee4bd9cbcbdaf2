#!/usr/bin/env bash
# The Debian 12 packages gongkai needs, in one place: `make demo`, `make test` and `.ci/run`
# call this script.
#
#   scripts/system-packages.sh demo     what `make demo` needs (Python, fonts for the PDFs)
#   scripts/system-packages.sh test     + what the tests need (Chromium, LibreOffice,
#                                        poppler, PostgreSQL, CJK fonts for the screenshots)
#   scripts/system-packages.sh server   what a production server needs (docs/deploy.md)
#   add --list to print the package names and change nothing
#
# As root it installs the missing ones with apt-get; otherwise it names them and stops.
set -euo pipefail

# python3-venv: `make install` creates .venv. fonts-arphic-uming / fonts-wqy-microhei: the
# annual report's PDF embeds them (gongkai/report/render/pdf.py).
DEMO="python3 python3-venv make fonts-arphic-uming fonts-wqy-microhei"
# chromium: browser tests (Playwright drives Debian's Chromium); libreoffice-writer-nogui:
# the DOCX visual test lays our DOCX out as a third-party word processor would (~1.5 min
# to install); poppler-utils: pdftoppm for page images; fonts-noto-cjk: CJK in screenshots;
# postgresql: the web tests run a second time on PostgreSQL.
TEST="$DEMO chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk postgresql"
# A server: PostgreSQL and a reverse proxy with HTTPS in front of gunicorn.
SERVER="$DEMO postgresql nginx"

usage() {
    echo "用法：scripts/system-packages.sh demo|test|server [--list]" >&2
    exit 2
}

case "${1:-}" in
    demo) wanted=$DEMO ;;
    test) wanted=$TEST ;;
    server) wanted=$SERVER ;;
    *) usage ;;
esac
if [ "${2:-}" = "--list" ]; then
    echo "$wanted" | tr ' ' '\n'
    exit 0
fi

if ! command -v dpkg >/dev/null 2>&1; then
    echo "本脚本适用于 Debian 12（及 Ubuntu 等使用 apt 的系统）。其他系统请自行安装以下软件包的对应版本：" >&2
    echo "  $wanted" >&2
    exit 1
fi

missing=""
for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $pkg"
done
missing="${missing# }"
if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "缺少以下 Debian 软件包：$missing" >&2
    echo "请以 root 身份安装后重新运行：" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    echo "（或以 root 身份运行本命令，将自动安装。）" >&2
    exit 1
fi

echo "正在安装 Debian 软件包：$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086  # one word per package
apt-get install -y -q $missing
