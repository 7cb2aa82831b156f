#!/usr/bin/env bash
# Print the Python interpreter the virtual environment is built from.
#
# mailsync's sync and classifier are CPU-bound pure Python. An interpreter whose
# executable has libpython linked in (rather than loading libpython.so, as an
# --enable-shared build such as pyenv's does) runs them 10-15% faster: calls inside a
# shared library go through the PLT. Measured here on the sync benchmark's mail: the
# classifier 776 -> 674 us a message, parsing 372 -> 331 us. So: the first Python >= 3.11
# on this machine built that way, with a working venv module; else plain python3.
# $PYTHON, when set, always wins.
set -euo pipefail

if [[ -n "${PYTHON:-}" ]]; then
    echo "$PYTHON"
    exit 0
fi

# The interpreter's real executable when it is recent enough and can make a venv.
probe='import sys, venv, ensurepip
if sys.version_info >= (3, 11): print(sys.executable)'

usable() {
    local exe
    exe=$("$1" -c "$probe" 2>/dev/null) || return 1
    [[ -n "$exe" ]] || return 1
    # sysconfig's Py_ENABLE_SHARED tells how libpython was built, not whether this
    # executable loads it (Debian builds both): ask the dynamic linker.
    ! ldd "$exe" 2>/dev/null | grep -q libpython
}

for candidate in python3.13 python3.12 python3.11 /usr/bin/python3.13 /usr/bin/python3.12 \
                 /usr/bin/python3.11 /usr/local/bin/python3 python3; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if usable "$path"; then
        echo "$path"
        exit 0
    fi
done
echo python3
