"""The front door holds: every relative link in README.md and docs/ leads somewhere, and every command
the README's command table names is one `kiosk --help` knows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE = re.compile(r"(`+).+?\1", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML = re.compile(r"<(?:a|img)\s[^>]*?(?:href|src)=\"([^\"]+)\"", re.I)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def prose(text: str) -> str:
    """The text a reader sees as text: code blocks and code spans are examples, not links."""
    return CODE.sub("", FENCE.sub("", text))


def links(page: Path) -> list[str]:
    text = prose(page.read_text(encoding="utf-8"))
    return [*LINK.findall(text), *HTML.findall(text)]


def slug(heading: str) -> str:
    """The anchor GitHub (and most Markdown viewers) give a heading."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its words
    text = re.sub(r"[^\w\- ]", "", text.replace("`", "").lower())
    return text.replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading in HEADING.findall(FENCE.sub("", page.read_text(encoding="utf-8"))):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return frozenset(out)


def broken(page: Path, target: str) -> str | None:
    """Why `target`, linked from `page`, leads nowhere; None if it leads somewhere."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:, file: ...
        return None
    path, _, anchor = target.partition("#")
    where = (page.parent / path).resolve() if path else page
    if not where.exists():
        return f"{where.relative_to(ROOT) if where.is_relative_to(ROOT) else where} does not exist"
    if not where.resolve().is_relative_to(ROOT):
        return "leads out of the repository"
    if anchor and where.suffix == ".md" and anchor not in anchors(where):
        return f"{where.name} has no heading #{anchor}"
    return None


def every_link() -> list[tuple[Path, str]]:
    return [(page, target) for page in PAGES for target in links(page)]


def test_every_relative_link_leads_somewhere():
    checked = [(page, t) for page, t in every_link() if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.I)]
    problems = [
        f"{page.relative_to(ROOT)}: ({target}): {why}"
        for page, target in checked
        if (why := broken(page, target))
    ]
    assert not problems, "\n".join(problems)
    assert len(checked) >= 40, "the link finder finds the pages' links"
    print(f"{len(checked)} relative links checked in {len(PAGES)} pages")


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("docs/nowhere.md", "does not exist"),
        ("docs/install.md#no-such-heading", "has no heading"),
        ("#quick-start-fresh-debian-12--ubuntu-python-311", None),
        ("docs/configuration.md#changes-made-on-the-kiosk-the-settings-screen", None),
        ("https://example.org/nowhere", None),
    ],
)
def test_the_link_check_tells_a_broken_link_from_a_good_one(target, why):
    result = broken(ROOT / "README.md", target)
    assert (result is None) if why is None else (why in (result or "")), result


def test_links_in_code_are_not_links():
    text = 'see [a](a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n<img src="d.png">\n'
    assert LINK.findall(prose(text)) + HTML.findall(prose(text)) == ["a.md", "d.png"]


def command_table() -> list[str]:
    """The first cell of each row of the README's table under "## Commands"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [CODE.search(row.split(" | ")[0]).group(0).strip("`") for row in rows]


def words(command: str) -> tuple[list[list[str]], list[str]]:
    """`kiosk bundle check\\|new [--x N]` -> ([["bundle"], ["check", "new"]], ["--x"])."""
    tokens = command.replace("\\|", "|").split()
    assert tokens[0] == "kiosk", command
    chain: list[list[str]] = []
    options: list[str] = []
    for token in tokens[1:]:
        token = token.strip("[]…")
        if token.startswith("-"):
            options.append(token.split("=")[0])
        elif not options and re.fullmatch(r"[a-z]+(\|[a-z]+)*", token):
            chain.append(token.split("|"))
    return chain, options


@cache
def help_text(*command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_names_every_command_it_should():
    table = command_table()
    assert len(table) >= 15
    named = {chain[0][0] for chain, _ in map(words, table) if chain}
    listed = set(re.findall(r"^ {4}([a-z]+) ", help_text().split("positional arguments:")[1], re.M))
    assert named == listed, "every command `kiosk --help` lists has a row, and no row names another"


@pytest.mark.parametrize("command", command_table())
def test_every_command_in_the_readme_is_one_kiosk_knows(command):
    chain, options = words(command)
    path: list[str] = []
    for alternatives in chain:
        text = help_text(*path)
        for word in alternatives:
            assert re.search(rf"^\s+{word}\b", text, re.M), f"`kiosk {' '.join(path)} --help` has no {word}"
        path.append(alternatives[0])
    text = help_text(*path)
    for option in options:
        found = re.search(rf"(^|[\s\[,]){re.escape(option)}\b", text)
        assert found, f"`kiosk {' '.join(path)} --help` has no {option}"
