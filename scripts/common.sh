# SPDX-License-Identifier: MIT
# Shared by scripts/test, scripts/demo and scripts/bench: install what is
# missing on a Debian machine, then configure and build into build/.
# Sourced, not run.

RK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RK_JOBS=${RK_JOBS:-$(nproc 2>/dev/null || echo 2)}

rk_say() { printf '\n==> %s\n' "$*"; }
rk_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# rk_need_packages PKG...: apt-get install the Debian packages not yet
# installed. Needs root (or sudo) only when something is missing.
rk_need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || rk_die "missing packages (${missing[*]}) and no apt-get to install them"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  rk_say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || rk_die "apt-get update failed"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || rk_die "apt-get install ${missing[*]} failed"
}

# Everything building and testing racekit needs.
rk_install_deps() {
  rk_need_packages cmake make pkg-config gcc libc6-dev clang libclang-rt-14-dev \
    libtsan2 libcriterion-dev libdw-dev libelf-dev
}

# rk_build DIR [cmake args...]: configure (once) and build.
rk_build() {
  local dir=$1; shift
  cmake -S "$RK_ROOT" -B "$RK_ROOT/$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null \
    || rk_die "cmake configure of $dir failed"
  cmake --build "$RK_ROOT/$dir" -j "$RK_JOBS" || rk_die "build of $dir failed"
}
