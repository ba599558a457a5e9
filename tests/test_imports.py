"""What a search imports: modules only indexing needs stay unloaded (a cold CLI search pays for
every import). Run in a fresh interpreter, since the test session itself imports everything."""

import subprocess
import sys

from tests.conftest import REPO

INDEXING_ONLY = ("index.loaders", "multiprocessing", "tomllib")


def test_search_path_does_not_import_indexing_modules():
    code = ("import sys, cli, search; "
            f"print(' '.join(m for m in {INDEXING_ONLY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == []
