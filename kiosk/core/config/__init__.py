"""The site configuration: one TOML file IT push to every kiosk, checked key by key.

A kiosk must start whatever the file says. Every bad line, key and value becomes a `Problem`
(file, line, key, what is wrong, how to fix it) for `kiosk config check` and the staff PIN screen;
a bad value falls back to the last good value, else to a safe default. Changes staff make on the
settings screen hold until IT change the same setting in the site file.

Where to look: schema.py (every setting: section, key, kind, default, documentation),
checks.py (what each kind of value accepts), syntax.py (TOML that reads line by line),
reading.py (one file into values and problems), loading.py (file, last good copy and staff's
changes together), local.py (staff's changes), report.py (settings written as TOML),
docs.py (the settings table in docs/configuration.md).
"""

from kiosk.core.config.loading import LAST_GOOD, check_file, load_config
from kiosk.core.config.local import LOCAL, forget_local_changes, local_changes, save_local_changes
from kiosk.core.config.reading import Problem, offered_languages
from kiosk.core.config.report import as_toml
from kiosk.core.config.schema import BY_DOTTED, BY_FIELD, KEYS, Settings
from kiosk.core.config.syntax import MAX_SYNTAX_ERRORS

__all__ = [
    "BY_DOTTED",
    "BY_FIELD",
    "KEYS",
    "LAST_GOOD",
    "LOCAL",
    "MAX_SYNTAX_ERRORS",
    "Problem",
    "Settings",
    "as_toml",
    "check_file",
    "forget_local_changes",
    "load_config",
    "local_changes",
    "offered_languages",
    "save_local_changes",
]
