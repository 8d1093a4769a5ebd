# Shared by .ci/package and .ci/windows (sourced, not run): the version,
# the source fingerprint that decides whether a cached build is still
# good, and the Windows cross-build. Run from the repository root.

# app_version is FyneApp.toml's Version.
app_version() {
  sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -1
}

# apt_need installs the Debian packages given that are missing.
apt_need() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installation des paquets manquants : ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# source_files lists, NUL-separated and sorted, the files a build reads:
# tracked and untracked files git does not ignore, that exist.
source_files() {
  git ls-files -co --exclude-standard -z | sort -z | while IFS= read -r -d '' f; do
    [ -f "$f" ] && printf '%s\0' "$f"
  done
}

# fingerprint is a digest of the source files a build reads (names and
# contents; not docs, tests nor the CI scripts that only drive it) and of
# the Go toolchain: a cached build made from the same fingerprint is reused.
fingerprint() {
  { source_files | grep -zvE '(\.md$|_test\.go$|^docs/|/testdata/|^testdata/|^\.ci/(run|smoke|setup|bench-|package$|windows$|wine/))' |
      xargs -0 sha256sum; go version; } | sha256sum | cut -c1-16
}

# stage_sources copies the source files into $1 (emptied first): builds
# run there, so generated files (.syso, fyne's metadata) never land in the
# working tree and an edit during a build cannot mix into it.
stage_sources() {
  rm -rf "$1" && mkdir -p "$1"
  source_files | tar --null -T - -cf - | tar -xf - -C "$1"
}

# build_windows DIR builds DIR/dossier-segur.exe (GUI subsystem: no
# console window on double-click) and DIR/dossier-segur-cli.exe (console
# subsystem: for scripts, waits and returns the exit code), both with
# icon, version information and manifest, unless DIR holds a build of the
# same fingerprint. Cross-compiled with mingw-w64 (cgo: GLFW and go-gl).
build_windows() {
  local dir=$1 fp version win comma
  fp=$(fingerprint)
  if [ -f "$dir/fingerprint" ] && [ "$(cat "$dir/fingerprint")" = "$fp" ] &&
     [ -f "$dir/dossier-segur.exe" ] && [ -f "$dir/dossier-segur-cli.exe" ]; then
    echo "Windows : binaires à jour ($dir)" >&2
    return 0
  fi
  apt_need gcc-mingw-w64-x86-64 imagemagick
  version=$(app_version)
  # Windows versions have four numbers: major.minor.patch.build.
  local build_no
  build_no=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml | head -1)
  win="${version}.${build_no:-0}"
  comma=${win//./,}
  stage_sources "$dir/src"
  (
    cd "$dir/src"
    convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 app.ico
    sed "s/@WINVERSION@/$win/" .ci/packaging/dossier-segur.exe.manifest > app.manifest
    sed -e "s/@WINVERSION@/$win/" -e "s/@VERSION@/$version/" -e "s/@COMMAVERSION@/$comma/" \
      .ci/packaging/resources.rc > resources.rc
    x86_64-w64-mingw32-windres --codepage=65001 -O coff -o rsrc_windows_amd64.syso resources.rc
    export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
    # The flags of `fyne package --release`: release build, fyneDo migration;
    # no_emoji: see README, Performance (Fyne's colour emoji font: 4 MB, ~20 MiB of heap).
    local flags=(-trimpath -tags release,migrated_fynedo,no_emoji)
    go build "${flags[@]}" -ldflags "-s -w -H=windowsgui" -o ../dossier-segur.exe .
    go build "${flags[@]}" -ldflags "-s -w" -o ../dossier-segur-cli.exe .
  )
  cp "$dir/src/app.ico" "$dir/app.ico"
  echo "$fp" > "$dir/fingerprint"
}

# build_installer DIR OUT makes the NSIS installer OUT from the programs
# build_windows left in DIR.
build_installer() {
  local dir=$1 out=$2 version build_no
  apt_need nsis
  version=$(app_version)
  build_no=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml | head -1)
  makensis -V2 -INPUTCHARSET UTF8 \
    -DVERSION="$version" -DWINVERSION="$version.${build_no:-0}" \
    -DOUTFILE="$out" -DSRCDIR="$dir" \
    .ci/packaging/installer.nsi
}
