"""The stateless commands ``victims link`` and ``victims dedupe``: read lists, link, write the
contract's CSV (``a_row,b_row,probability``), and save splink's settings of the run beside it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tawthiq.errors import BadInput
from tawthiq.outputs import check_output_path
from tawthiq.settings import get_settings
from tawthiq.victims.linkage import LinkRun, dedupe_list, link_lists
from tawthiq.victims.lists import VictimList, read_list

Echo = Callable[[str], None]


def link_command(a: Path, b: Path, *, output: Path | None, columns: str | None, engine: str,
                 model: Path | None, echo: Echo, echo_error: Echo) -> int:
    output = check_output_path(output, "--output")
    model = check_output_path(model, "--model")
    first, second = _read(a, columns, echo_error), _read(b, columns, echo_error)
    run = link_lists(first, second, engine=engine)
    return _write(run, output, model, "link", echo, echo_error)


def dedupe_command(a: Path, *, output: Path | None, columns: str | None, engine: str,
                   model: Path | None, echo: Echo, echo_error: Echo) -> int:
    output = check_output_path(output, "--output")
    model = check_output_path(model, "--model")
    run = dedupe_list(_read(a, columns, echo_error), engine=engine)
    return _write(run, output, model, "dedupe", echo, echo_error)


def _read(path: Path, columns: str | None, echo_error: Echo) -> VictimList:
    victim_list = read_list(path, columns)
    for problem in victim_list.problems:
        echo_error(f"Warning: {problem.one_line()} (value taken as unknown)")
    return victim_list


def links_csv(run: LinkRun) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["a_row", "b_row", "probability"])
    for pair in sorted(run.links(), key=lambda p: (p.a_row, p.b_row)):
        writer.writerow([pair.a_row, pair.b_row, f"{pair.probability:.6f}"])
    return out.getvalue()


def _write(run: LinkRun, output: Path | None, model: Path | None, kind: str, echo: Echo,
           echo_error: Echo) -> int:
    text = links_csv(run)
    model = model or _model_path(output, kind)
    try:
        model.parent.mkdir(parents=True, exist_ok=True)
        model.write_text(json.dumps(run.settings, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
        if output is None:
            echo(text.rstrip("\n"))
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}",
                       path=str(output or model)) from exc
    echo_error(f"{len(run.links())} links; splink settings of this run: {model}")
    return len(run.links())


def _model_path(output: Path | None, kind: str) -> Path:
    """Beside the output file, else under TAWTHIQ_HOME/victims/runs/."""
    if output is not None:
        return output.with_name(output.stem + ".splink.json")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return get_settings().home / "victims" / "runs" / f"{kind}-{stamp}.splink.json"
