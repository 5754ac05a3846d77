#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# Does nothing when all are present; explains itself when it cannot install.
missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: not a Debian system; make sure these are available:$missing" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "note: run as root to install:$missing" >&2
        exit 0
    fi
fi
echo "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq && ${SUDO:-} apt-get install -y -qq --no-install-recommends $missing >/dev/null
