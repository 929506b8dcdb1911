"""The README documents every command, and opens with the two set-up commands."""

import re
from pathlib import Path

import click
import typer.main

from tawthiq.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths(group: click.Group, prefix: str = "tawthiq") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
        else:
            paths.append(path)
    return paths


def test_every_command_is_documented():
    text = README.read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    missing = [p for p in command_paths(group) if f"`{p}" not in text and f"| {p}" not in text
               and not re.search(re.escape(p.rsplit(" ", 1)[0]) + r" [^`]*" +
                                 re.escape(p.rsplit(" ", 1)[1]), text)]
    assert not missing, f"commands missing from README: {missing}"


def test_readme_opens_with_the_two_setup_commands():
    lines = [line for line in README.read_text(encoding="utf-8").splitlines() if line.strip()]
    block = lines[lines.index("```sh") + 1: lines.index("```sh") + 3]
    assert [b.split("#")[0].strip() for b in block] == ["make demo", "make test"]
    assert lines.index("```sh") == 1  # right after the title
