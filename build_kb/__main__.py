"""``python -m build_kb``: see :mod:`build_kb.cli`."""

from __future__ import annotations

import sys

from build_kb.cli import main

sys.exit(main())
