#!/usr/bin/env bash
# The disk image for dist/ercsheet.app (after finish_app.sh): the app, a link to /Applications
# to drag it onto, and the third-party notices; signed, notarized and stapled when the
# credentials are given.
#   packaging/macos/make_dmg.sh VERSION ARCH [IDENTITY]
# writes dist/ercsheet-VERSION-macos-ARCH.dmg. Notarization runs when these are set (an App Store
# Connect API key: https://developer.apple.com/documentation/security/customizing-the-notarization-workflow):
#   NOTARY_KEY_PATH  the key file (AuthKey_XXXX.p8)
#   NOTARY_KEY_ID    its id
#   NOTARY_ISSUER    the issuer id
#
# Not run on the project's Linux machines: written from Apple's documentation; the first run on a
# macOS runner will tell.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: packaging/macos/make_dmg.sh VERSION ARCH [IDENTITY]}
arch=${2:?usage: packaging/macos/make_dmg.sh VERSION ARCH [IDENTITY]}
identity=${3:--}
dmg=dist/ercsheet-$version-macos-$arch.dmg

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symlinks and extended attributes (cp -R may not).
ditto dist/ercsheet.app "$staging/ercsheet.app"
ln -s /Applications "$staging/Applications"
cp packaging/THIRD-PARTY-NOTICES.txt "$staging/"
ditto packaging/licenses "$staging/licenses"
hdiutil create -volname "ercsheet $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [[ $identity == - ]]; then
  echo "$dmg: not signed (no identity), so not notarized either"
  exit 0
fi
codesign --force --timestamp --sign "$identity" "$dmg"

if [[ -z ${NOTARY_KEY_PATH:-} || -z ${NOTARY_KEY_ID:-} || -z ${NOTARY_ISSUER:-} ]]; then
  echo "$dmg: signed, not notarized (no NOTARY_KEY_PATH, NOTARY_KEY_ID, NOTARY_ISSUER)"
  exit 0
fi
notary=(--key "$NOTARY_KEY_PATH" --key-id "$NOTARY_KEY_ID" --issuer "$NOTARY_ISSUER")
result=$(xcrun notarytool submit "$dmg" "${notary[@]}" --wait --output-format json)
echo "$result"
status=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["status"])' "$result")
if [[ $status != Accepted ]]; then
  # The log says which file failed and why.
  id=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "$result")
  xcrun notarytool log "$id" "${notary[@]}"
  echo "$dmg: notarization $status" >&2
  exit 1
fi
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
echo "$dmg: signed, notarized and stapled"
