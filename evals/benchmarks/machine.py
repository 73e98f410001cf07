"""The machine benchmark figures came from, printed with them so a README table can name it."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def _proc_field(path: str, key: str) -> str:
    """One `key: value` line of a /proc file ('' where there is no /proc, as on macOS)."""
    proc = Path(path)
    if not proc.is_file():
        return ""
    for line in proc.read_text().splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return ""


def machine_rows() -> list[list[str]]:
    memory_kb = _proc_field("/proc/meminfo", "MemTotal").removesuffix(" kB")
    memory = f"{int(memory_kb) / 2**20:.1f} GiB" if memory_kb.isdigit() else "unknown"
    return [
        ["CPU", _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown"],
        ["cores available", str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())],
        ["memory", memory],
        ["system", platform.platform()],
        ["Python", platform.python_version()],
    ]
