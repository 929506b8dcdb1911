"""Found by QA using the command line as a coder would: every bad input is one line and
exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest


def tawthiq(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tawthiq.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_export_to_a_missing_folder_is_one_line_and_status_2(tmp_home, tmp_path):
    target = tmp_path / "no-such-folder" / "acled.csv"
    run = tawthiq("export", "--format", "acled", "-o", str(target))
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert str(target) in run.stderr and "cannot write" in run.stderr


def test_users_add_refuses_a_short_password_and_takes_a_long_one(tmp_home):
    short = tawthiq("users", "add", "nadia", "--role", "viewer", stdin="abc\nabc\n")
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    good = tawthiq("users", "add", "nadia", "--role", "viewer",
                   stdin="a long passphrase\r\na long passphrase\r\n")  # Windows line ends too
    assert good.returncode == 0, good.stderr
    listed = tawthiq("users", "list")
    assert listed.stdout.split() == ["nadia", "viewer", "active"]


@pytest.mark.parametrize("args", [["bogus"], ["ingest", "--nope"], ["users", "add"], []])
def test_usage_errors_exit_2_without_a_traceback(args):
    run = tawthiq(*args)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_help_exits_0():
    run = tawthiq("--help")
    assert run.returncode == 0 and "ingest" in run.stdout


def test_serve_on_a_port_in_use_is_one_line_and_status_2(tmp_home):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = tawthiq("serve", "--port", str(port))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--port" in run.stderr and str(port) in run.stderr


def test_serve_on_an_impossible_port_is_bad_input(tmp_home):
    run = tawthiq("serve", "--port", "99999")
    assert run.returncode == 2 and "between 1 and 65535" in run.stderr


def test_users_password_replaces_the_password(tmp_home):
    from tawthiq.review.users import authenticate
    from tawthiq.store.db import session_scope
    from tawthiq.store.tables import AuditEntryRow

    assert tawthiq("users", "add", "nadia", "--role", "admin",
                   stdin="first passphrase\nfirst passphrase\n").returncode == 0
    changed = tawthiq("users", "password", "nadia", stdin="second passphrase\nsecond passphrase\n")
    assert changed.returncode == 0, changed.stderr
    with session_scope() as session:
        assert authenticate(session, "nadia", "first passphrase") is None
        assert authenticate(session, "nadia", "second passphrase").role == "admin"
        entry = session.query(AuditEntryRow).filter_by(action="password").one()
        assert "passphrase" not in str(entry.before) + str(entry.after)
    unknown = tawthiq("users", "password", "ghost", stdin="third passphrase\nthird passphrase\n")
    assert unknown.returncode == 2 and "ghost" in unknown.stderr
