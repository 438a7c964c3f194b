#!/usr/bin/env bash
# Installs care for the person running it (or for everyone, with --prefix /usr/local):
#
#   PREFIX/lib/care/care            the program, with its themes/ and catalogue/ beside it
#   PREFIX/bin/care                 a link to it
#   PREFIX/share/man/man1/care.1    the manual page (care manual)
#   PREFIX/share/bash-completion/completions/care, zsh/site-functions/_care,
#   fish/vendor_completions.d/care.fish   completions (care --generate-completion-script)
#
# Usage: scripts/install.sh [--prefix DIR] [--binary PATH]
#   --prefix DIR    where to install (default: ~/.local)
#   --binary PATH   install this built care instead of building a release one (swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --binary) binary="${2:?--binary needs the path of a built care}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scripts/install.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done

if [ -z "$binary" ]; then
  # The first release build fetches the packages and takes several minutes (see the README).
  swift build -c release --product care
  binary="$(swift build -c release --show-bin-path)/care"
fi
if [ ! -x "$binary" ]; then
  echo "scripts/install.sh: no program at $binary" >&2
  exit 1
fi

lib="$prefix/lib/care"
share="$prefix/share"
install -d "$lib/themes" "$lib/catalogue" "$prefix/bin" "$share/man/man1" \
  "$share/bash-completion/completions" "$share/zsh/site-functions" "$share/fish/vendor_completions.d"
install -m 0755 "$binary" "$lib/care"
install -m 0644 themes/*.toml "$lib/themes/"
install -m 0644 catalogue/*.toml "$lib/catalogue/"
# A link, not a copy: care finds its themes and catalogue beside the file the link points to.
ln -sfn ../lib/care/care "$prefix/bin/care"
"$lib/care" manual >"$share/man/man1/care.1"
"$lib/care" --generate-completion-script bash >"$share/bash-completion/completions/care"
"$lib/care" --generate-completion-script zsh >"$share/zsh/site-functions/_care"
"$lib/care" --generate-completion-script fish >"$share/fish/vendor_completions.d/care.fish"

echo "Installed care $("$lib/care" --version) in $prefix."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to PATH to run it as care." ;;
esac
