"""Make sure the browser tests have a Chromium to drive.

Prefers the system Chromium (/usr/bin/chromium); otherwise asks Playwright to
download its own, which needs the internet. Never fails: without a browser the
browser tests skip (and fail under CI=true, where one is required).
"""

import shutil
import subprocess
import sys

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def main() -> None:
    if any(shutil.which(path) for path in SYSTEM_CHROMIUM):
        return
    print("No system Chromium; asking Playwright to download one (needs the internet)…")
    result = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"], check=False, timeout=600
    )
    if result.returncode != 0:
        print("Playwright could not download Chromium: the browser tests will be skipped.")


if __name__ == "__main__":
    main()
