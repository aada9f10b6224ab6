#!/usr/bin/env bash
# Set up the project environment on a fresh machine: uv, a Python 3.12+ interpreter and the
# locked dependencies. Sourced by ./bygdesim and ./run-tests; safe to run again (it is quick
# when everything is in place). It never changes the caller's directory: ./bygdesim runs the
# command in the directory the user ran it in, so relative paths mean what the user meant.
set -euo pipefail
bygdesim_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv" >&2
  python3 -m pip install --quiet --disable-pip-version-check uv >&2 \
    || python3 -m pip install --quiet --user uv >&2
  export PATH="$HOME/.local/bin:$PATH"
fi

# Find a local Python >= 3.12. Where none exists, uv downloads one (on machines with internet).
if [ -z "${UV_PYTHON:-}" ]; then
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' 2>/dev/null; then
      UV_PYTHON=$(command -v "$candidate"); break
    fi
  done
fi
if [ -z "${UV_PYTHON:-}" ] && command -v pyenv >/dev/null 2>&1; then
  for candidate in "$(pyenv root)"/versions/3.1[2-9]*/bin/python3; do
    if [ -x "$candidate" ]; then UV_PYTHON="$candidate"; break; fi
  done
fi
if [ -n "${UV_PYTHON:-}" ]; then
  export UV_PYTHON
  export UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}"
fi

(cd "$bygdesim_root" && uv sync --locked --quiet >&2)
