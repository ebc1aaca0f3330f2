"""Open a .docx in LibreOffice, refresh its table of contents as a reader would (Tools >
Update > All), and print the entries as JSON: [[level, text], ...].

Run by a Python that has LibreOffice's `uno` module (Debian: python3-uno), not by pytest:
    python3 tests/libreoffice_contents.py FILE.docx PROFILE-FOLDER
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main(document: Path, profile: Path) -> None:
    pipe = f"reportgen-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.absolute().as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        context = connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext(  # type: ignore[attr-defined]
            "com.sun.star.frame.Desktop", context
        )
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        url = uno.systemPathToFileUrl(str(document.absolute()))
        loaded = desktop.loadComponentFromURL(url, "_blank", 0, (hidden,))
        indexes = loaded.getDocumentIndexes()
        for number in range(indexes.getCount()):
            indexes.getByIndex(number).update()
        entries = []
        paragraphs = loaded.getText().createEnumeration()
        while paragraphs.hasMoreElements():
            paragraph = paragraphs.nextElement()
            if not paragraph.supportsService("com.sun.star.text.Paragraph"):
                continue
            level = re.fullmatch(r"Contents (\d+)", paragraph.ParaStyleName)
            if level:
                entries.append([int(level[1]), paragraph.getString().split("\t")[0]])
        loaded.close(True)
        desktop.terminate()
        print(json.dumps(entries))
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
