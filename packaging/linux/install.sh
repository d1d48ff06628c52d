#!/bin/sh
# ercsheet on a Linux desktop, for you alone (no root): its entry in the applications menu, its
# icon, and exchange files (*.ercsheet) opening in it from the file manager.
#
#   install.sh [--exec PROGRAM] [--resources DIR]   install (again: it replaces what it installed)
#   install.sh --uninstall                          remove what it installed
#
# PROGRAM: the ercsheet the menu entry starts (default: `ercsheet` beside this script, as in the
# one-folder app; else the `ercsheet` on your PATH, as pipx installs it). DIR: the folder of
# ercsheet's resources, holding icons/ and linux/ (default: found beside this script, in a
# checkout or the one-folder app). Files go under $XDG_DATA_HOME (default ~/.local/share):
# applications/ercsheet.desktop, icons/hicolor/*/apps/ercsheet.*, mime/packages/ercsheet.xml;
# the desktop's caches are refreshed where their tools are installed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
sizes="16 24 32 48 64 128 256 512"
program=""
resources=""
action=install

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
    --exec) [ $# -ge 2 ] || fail "--exec needs the path of the ercsheet program"; program=$2; shift 2 ;;
    --resources) [ $# -ge 2 ] || fail "--resources needs a folder"; resources=$2; shift 2 ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see install.sh --help)" ;;
  esac
done

refresh() {
  # Each tool is optional: without it the desktop finds the files at its next start.
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime/packages" ]; then
    update-mime-database "$data/mime" >/dev/null
  fi
  if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database -q "$data/applications"
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
  fi
}

if [ "$action" = uninstall ]; then
  rm -f "$data/applications/ercsheet.desktop" "$data/mime/packages/ercsheet.xml" \
    "$data/icons/hicolor/scalable/apps/ercsheet.svg"
  for size in $sizes; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/ercsheet.png"
  done
  refresh
  echo "ercsheet's menu entry, icon and file type are removed (your data is not touched)."
  exit 0
fi

# The resources: given, or where the one-folder app (PyInstaller puts its data in _internal/) or
# a checkout (packaging/linux/ → resources/) keeps them beside this script.
if [ -z "$resources" ]; then
  for candidate in "$here/_internal/resources" "$here/resources" "$here/../../resources"; do
    if [ -f "$candidate/linux/ercsheet.desktop" ]; then
      resources=$candidate
      break
    fi
  done
fi
[ -n "$resources" ] && [ -f "$resources/linux/ercsheet.desktop" ] \
  || fail "no ercsheet resources found (a folder holding linux/ercsheet.desktop): pass --resources DIR"
resources=$(cd "$resources" && pwd)

# The program: given, beside this script (the one-folder app), or on the PATH (pipx).
if [ -z "$program" ]; then
  if [ -x "$here/ercsheet" ] && [ ! -d "$here/ercsheet" ]; then
    program=$here/ercsheet
  else
    program=$(command -v ercsheet 2>/dev/null) \
      || fail "no ercsheet program found beside this script or on your PATH: pass --exec PROGRAM"
  fi
fi
[ -x "$program" ] && [ ! -d "$program" ] || fail "$program is not a program that can be run"
program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")
# A desktop entry quotes its Exec with rules of its own: a path needing them is refused instead.
case $program in
  *[\"\`\$\\%]* | *"
"*) fail "$program: a desktop entry cannot name a path holding \" \` \$ \\ % or a line break; move it" ;;
esac

install_file() { # SOURCE TARGET
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.new"
  chmod 644 "$2.new"
  mv -f "$2.new" "$2"
}

entry=$data/applications/ercsheet.desktop
mkdir -p "$data/applications"
# The path as sed's replacement takes it (its & and the | delimiter escaped).
replacement=$(printf '%s\n' "$program" | sed 's/[&|]/\\&/g')
sed -e "s|^Exec=ercsheet |Exec=\"$replacement\" |" -e "s|^TryExec=ercsheet\$|TryExec=$replacement|" \
  "$resources/linux/ercsheet.desktop" >"$entry.new"
grep -qxF "Exec=\"$program\" %f" "$entry.new" || fail "$resources/linux/ercsheet.desktop has no 'Exec=ercsheet %f' line"
chmod 644 "$entry.new"
mv -f "$entry.new" "$entry"
for size in $sizes; do
  install_file "$resources/icons/ercsheet-$size.png" "$data/icons/hicolor/${size}x${size}/apps/ercsheet.png"
done
install_file "$resources/icons/ercsheet.svg" "$data/icons/hicolor/scalable/apps/ercsheet.svg"
install_file "$resources/linux/ercsheet.xml" "$data/mime/packages/ercsheet.xml"
refresh
echo "ercsheet is in your applications menu, and opens exchange files (*.ercsheet): $program"
echo "To remove it: $0 --uninstall"
