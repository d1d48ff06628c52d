#!/usr/bin/env bash
# Set up ercsheet from a fresh clone, then run it or its tests.
#   ./dev.sh run [ARGS...]   install everything and start the app (ARGS go to `ercsheet`)
#   ./dev.sh test [ARGS...]  install everything, then the gates in order, stopping at the first that
#                            fails: ruff check, ruff format --check, mypy, pytest (ARGS go to pytest)
#   ./dev.sh package         install everything, build the frozen one-folder app into
#                            dist/ercsheet/ (the program dist/ercsheet/ercsheet; packaging/), and
#                            run its --self-test
set -euo pipefail
cd "$(dirname "$0")"

what=${1:-}
shift || true
case "$what" in run | test | package) ;; *) echo "usage: ./dev.sh run|test [ARGS...] | package" >&2; exit 2 ;; esac

# Debian/Ubuntu packages: Python's venv, the libraries Qt loads even offscreen (the tests drive real
# windows), and for `run` the X11 libraries Qt needs for a real display; `package` needs them too (the
# frozen app carries the ones Qt's X11 plugin loads), and binutils (PyInstaller reads and strips the
# libraries with objdump and strip).
system_packages=(python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libgssapi-krb5-2)
if [[ $what == test ]]; then
  # The QR test reads the printed code back: zbarimg and pdftoppm.
  system_packages+=(zbar-tools poppler-utils)
fi
if [[ $what == test || $what == package ]]; then
  # PyInstaller strips the frozen app's libraries (tests/test_frozen_build.py builds it too).
  system_packages+=(binutils)
fi
if [[ $what == run || $what == package ]]; then
  system_packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0)
fi
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  # python3-venv is not needed where python3 already has a working venv (pyenv, python.org builds).
  if python3 -c "import ensurepip, venv" 2>/dev/null; then
    for i in "${!missing[@]}"; do [[ ${missing[i]} != python3-venv ]] || unset 'missing[i]'; done
  fi
  if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) == 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}"
  fi
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [[ $what == run ]]; then
  .venv/bin/python -m pip install -q -e .
  exec .venv/bin/ercsheet "$@"
elif [[ $what == package ]]; then
  .venv/bin/python -m pip install -q -e '.[package]'
  # --clean: nothing of an earlier build (another checkout's, an older PyInstaller's) is reused.
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build \
    packaging/ercsheet.spec
  # The build's own check: an assessor's day in a temporary folder, the window offscreen.
  QT_QPA_PLATFORM=offscreen dist/ercsheet/ercsheet --self-test
  echo "built dist/ercsheet/ ($(du -sh dist/ercsheet | cut -f1)); the program: dist/ercsheet/ercsheet" >&2
  if [[ $(uname -s) == Linux ]]; then
    # The Linux package: the folder with the script that adds it to the desktop and the notices
    # of what it ships (Qt under the LGPL, with the licence texts), as one tarball.
    cp packaging/linux/install.sh packaging/THIRD-PARTY-NOTICES.txt dist/ercsheet/
    cp -r packaging/licenses dist/ercsheet/licenses
    version=$(.venv/bin/python -c 'import ercsheet; print(ercsheet.__version__)')
    tarball=dist/ercsheet-$version-linux-$(uname -m).tar.gz
    tar -C dist -czf "$tarball" ercsheet
    echo "packed $tarball ($(du -h "$tarball" | cut -f1)): unpack it anywhere, run ercsheet/install.sh" >&2
  fi
else
  .venv/bin/python -m pip install -q -e '.[test]'
  gate() {
    echo "==> $*" >&2
    "$@"
  }
  # Lint and format first: they take a second, and a finding there is cheaper than a test run.
  gate .venv/bin/ruff check .
  gate .venv/bin/ruff format --check .
  # The package, tests, benchmarks and scripts: the files listed in pyproject's [tool.mypy].
  gate .venv/bin/mypy
  echo "==> pytest $*" >&2
  exec .venv/bin/python -m pytest "$@"
fi
