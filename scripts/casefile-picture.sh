#!/usr/bin/env bash
# Makes the picture of a case file in docs/behaviour.md (linked from the README): the case file test
# writes its sample case (made-up test data, no real report) as a .docx, LibreOffice converts it to PDF,
# and poppler renders page 1 as a PNG at 60 dpi into docs/case-file-page-1.png. Not part of the test
# suite. Installs Debian's libreoffice-writer-nogui and poppler-utils when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Needs ${missing[*]} (LibreOffice Writer and pdftoppm); install them and run again." >&2
    exit 1
  fi
  sudo_if_needed=""
  [ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"
  echo "Installing ${missing[*]}..."
  $sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build IntakeBot.sln --configuration Release >/dev/null
CASEFILE_PICTURE_DOCX="$work/case-file.docx" dotnet test IntakeBot.sln --no-build --configuration Release \
  --filter "FullyQualifiedName~CaseFileDocumentTests.The_sample_case_file_is_written_for_the_readme_picture_when_asked" >/dev/null
test -s "$work/case-file.docx"

# A profile of its own, so that a LibreOffice already open elsewhere does not take the conversion.
libreoffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/case-file.docx" >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/case-file.pdf" "$work/page"
mkdir -p docs
cp "$work/page.png" docs/case-file-page-1.png
echo "Wrote docs/case-file-page-1.png"
