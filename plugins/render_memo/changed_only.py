"""A file handle for Pelican's Writer that writes only when the bytes change
(plugins.common.files.write_if_changed: unchanged pages keep their mtime, a
changed one is replaced by rename, so a server never sees half a page).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from ..common.files import write_if_changed


class ChangedOnlyFile:
    """A write-only handle whose contents reach the disk on close, if changed.

    Takes text, and bytes too: feed writers (xml.sax) see a handle that is
    not an io.TextIOBase and write encoded bytes to it."""

    def __init__(self, path: str | Path, encoding: str) -> None:
        self._path = Path(path)
        self._encoding = encoding
        self._parts: list[bytes] = []
        self.closed = False

    def write(self, data: str | bytes) -> int:
        self._parts.append(data.encode(self._encoding) if isinstance(data, str) else bytes(data))
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            write_if_changed(self._path, b"".join(self._parts))

    def __enter__(self) -> ChangedOnlyFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.closed = True  # a failed render leaves the old file alone
