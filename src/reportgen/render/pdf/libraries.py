"""Imports that load native libraries quickly, for WeasyPrint's sake.

WeasyPrint asks `ctypes.util.find_library` for each of its libraries under several
names, most of which do not exist on a given system; on Linux every miss runs
`ldconfig -p` and then a C compiler, about half a second in all. While a renderer
is imported, lookups are answered from one reading of `ldconfig -p` (the list the
standard lookup reads first); with LD_LIBRARY_PATH set, a miss still asks the
standard lookup, since only then could the dynamic linker find more.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import importlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType

_ABIS = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}
"""ldconfig's names for the ABIs, as ctypes.util matches them."""


def import_quickly(name: str) -> ModuleType:
    """Import the module `name`, answering its library lookups from one ldconfig listing."""
    if name in sys.modules or not sys.platform.startswith("linux"):
        return importlib.import_module(name)
    standard = ctypes.util.find_library
    ctypes.util.find_library = cached_lookup(standard)  # type: ignore[assignment]
    try:
        return importlib.import_module(name)
    finally:
        ctypes.util.find_library = standard


def cached_lookup(standard: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A find_library that reads `ldconfig -p` once, and asks `standard` only if it must."""
    listing = functools.cache(ldconfig_listing)
    machine = f"{os.uname().machine}-{8 * ctypes.sizeof(ctypes.c_void_p)}"
    abi = re.escape(_ABIS.get(machine, "libc6"))

    def find_library(name: str) -> str | None:
        text = listing()
        if text is None:
            return standard(name)
        found = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}", text)
        if found:
            return found.group(1)
        return standard(name) if os.environ.get("LD_LIBRARY_PATH") else None

    return find_library


def ldconfig_listing() -> str | None:
    """The dynamic linker's cache as `ldconfig -p` prints it, or None if it cannot."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    for ldconfig in ("/sbin/ldconfig", "ldconfig"):
        try:
            result = subprocess.run(
                [ldconfig, "-p"], env=env, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            continue
        return result.stdout
    return None
