#!/usr/bin/env bash
# Finish dist/ercsheet.app after PyInstaller: add the document type and the version to its
# Info.plist, then sign it inside out, with the hardened runtime.
#   packaging/macos/finish_app.sh VERSION [IDENTITY]
# IDENTITY is a "Developer ID Application: …" certificate in the keychain; without one the app is
# signed ad hoc ("-"), which runs on this Mac but not on another one after a download.
#
# Inside out, not `codesign --deep`: every library and framework first, then the executable with
# its entitlements, then the bundle (Apple, "Creating distribution-signed code for macOS":
# https://developer.apple.com/documentation/xcode/creating-distribution-signed-code-for-the-mac).
# PyInstaller signs what it collects when given an identity (codesign_identity in the spec), but
# the Info.plist changes here break the bundle's seal anyway, so the whole app is signed here.
#
# Not run on the project's Linux machines: written from Apple's and PyInstaller's documentation;
# the first run on a macOS runner will tell.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: packaging/macos/finish_app.sh VERSION [IDENTITY]}
identity=${2:--}
app=dist/ercsheet.app
plist=$app/Contents/Info.plist
entitlements=packaging/macos/entitlements.plist

/usr/libexec/PlistBuddy -c "Merge packaging/macos/Info-extra.plist" "$plist"
plutil -replace CFBundleShortVersionString -string "$version" "$plist"
plutil -replace CFBundleVersion -string "$version" "$plist"
plutil -lint "$plist"

# A real identity: a secure timestamp and the hardened runtime, as notarization requires. Ad hoc:
# neither (the hardened runtime's library validation refuses libraries without a Team ID).
if [[ $identity == - ]]; then
  options=(--timestamp=none)
else
  options=(--timestamp --options runtime)
fi
sign() { codesign --force "${options[@]}" --sign "$identity" "$@"; }

# Deepest paths first, so that nothing is signed before what it contains.
deepest_first() { awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2-; }

# 1. Loose Mach-O files (Python's extension modules, dylibs), outside .framework bundles; the
#    program is signed last but one, with its entitlements.
find "$app/Contents/MacOS" "$app/Contents/Frameworks" -type f ! -path "*.framework/*" \
  ! -path "$app/Contents/MacOS/ercsheet" |
  deepest_first | while IFS= read -r file; do
  if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
done
# 2. The frameworks (Qt's, Python's), each as a bundle.
find "$app/Contents" -type d -name "*.framework" | deepest_first | while IFS= read -r framework; do
  sign "$framework"
done
# 3. The program, then the bundle, with the entitlements.
sign --entitlements "$entitlements" "$app/Contents/MacOS/ercsheet"
sign --entitlements "$entitlements" "$app"

codesign --verify --deep --strict --verbose=2 "$app"
echo "signed $app ($identity)"
