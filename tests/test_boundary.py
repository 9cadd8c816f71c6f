"""The core must not know about Telegram: the adapter is the only place that imports it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = [
    "bot.model", "bot.loading", "bot.validation", "bot.matching", "bot.vocabulary", "bot.text",
    "bot.language", "bot.assistant", "bot.texts", "bot.rendering", "bot.evaluation", "bot.settings",
    "bot.problems", "bot.errors", "bot.yamlfile", "bot.cli",
]


def test_core_imports_without_telegram() -> None:
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'telegram'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_loading_happens_in_functions_not_at_import() -> None:
    code = "import sys, bot.matching, bot.validation, bot.cli; print('yaml' in sys.modules, 'bot.model' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.returncode == 0  # importing reads no FAQ file: nothing to fail on
