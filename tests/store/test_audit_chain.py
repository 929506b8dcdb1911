"""The hash-chained audit log (issue #13, chain of custody): ``tawthiq audit verify`` finds an
edited, a deleted and a reordered entry, naming the first that no longer holds (exit status 2),
and a log cut back after a head kept earlier; a store made before the chain is chained by its
migration; ``tawthiq custody verify`` finds a stored original changed in place."""

from __future__ import annotations

import re

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from tawthiq.settings import get_settings
from tawthiq.store import session_scope
from tawthiq.store.audit import append_entry, verify_chain
from tawthiq.store.db import alembic_config, get_engine


@pytest.fixture
def logged(run_cli, tmp_path) -> list[int]:
    """A store with three reports ingested and a few more entries: ids of the entries."""
    for number in range(3):
        report = tmp_path / f"r{number}.txt"
        report.write_text(f"{number + 2} killed in Taybeh on day {number}.\n", encoding="utf-8")
        assert run_cli("ingest", report)[0] == 0
    with session_scope() as session:
        for number in range(4):
            append_entry(session, actor="analyst", action="edit", entity="event",
                         entity_id=number, field="fatalities", before={"best": number},
                         after={"best": number + 1}, note=f"recounted ({number})")
    with session_scope() as session:
        return list(session.scalars(text("SELECT id FROM audit_log ORDER BY id")))


def tamper(sql: str, **params) -> None:
    with get_engine(get_settings().db_url).begin() as connection:
        connection.execute(text(sql), params)


def test_an_untouched_log_verifies(run_cli, logged):
    status, out, err = run_cli("audit", "verify")
    assert status == 0, err
    assert f"audit log intact: {len(logged)} entries" in out


def test_an_edited_entry_is_named(run_cli, logged):
    tamper("UPDATE audit_log SET note = 'recounted (9)' WHERE id = :id", id=logged[4])
    status, _out, err = run_cli("audit", "verify")
    assert status == 2 and len(err.splitlines()) == 1, err
    assert f"entry {logged[4]}:" in err and "edited" in err


def test_an_edited_time_is_named(run_cli, logged):
    tamper("UPDATE audit_log SET at = '2001-01-01 00:00:00.000000' WHERE id = :id",
           id=logged[1])
    status, _out, err = run_cli("audit", "verify")
    assert status == 2 and f"entry {logged[1]}:" in err


def test_a_deleted_entry_breaks_the_chain_at_the_next(run_cli, logged):
    tamper("DELETE FROM audit_log WHERE id = :id", id=logged[3])
    status, _out, err = run_cli("audit", "verify")
    assert status == 2 and len(err.splitlines()) == 1, err
    assert f"entry {logged[4]}:" in err and "deleted" in err


def test_reordered_entries_are_named(run_cli, logged):
    # Two entries swap places: every column but the number moves, hashes included.
    columns = "at, actor, action, entity, entity_id, field, before, after, note, prev_hash, hash"
    a, b = logged[2], logged[5]
    tamper(f"CREATE TEMP TABLE swap AS SELECT id, {columns} FROM audit_log "
           "WHERE id IN (:a, :b)", a=a, b=b)
    tamper("UPDATE audit_log SET hash = hash || '-' WHERE id IN (:a, :b)", a=a, b=b)
    for to, frm in ((a, b), (b, a)):
        sets = ", ".join(f"{c} = (SELECT {c} FROM swap WHERE id = :frm)"
                         for c in columns.split(", "))
        tamper(f"UPDATE audit_log SET {sets} WHERE id = :to", to=to, frm=frm)
    status, _out, err = run_cli("audit", "verify")
    assert status == 2, err
    assert f"entry {a}:" in err


def test_a_log_cut_back_after_a_kept_head_is_found(run_cli, logged):
    status, out, _err = run_cli("audit", "verify")
    head = re.search(r"head ([0-9a-f]{64})", out).group(1)
    assert run_cli("audit", "verify", "--head", head)[0] == 0
    tamper("DELETE FROM audit_log WHERE id = :id", id=logged[-1])
    assert run_cli("audit", "verify")[0] == 0  # the cut is invisible from the store alone
    status, _out, err = run_cli("audit", "verify", "--head", head)
    assert status == 2 and "no longer in the log" in err


def test_the_migration_chains_a_log_made_before_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0013_link_episodes")
        for number in range(3):
            connection.execute(text(
                "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) "
                "VALUES ('2025-01-0' || :n || ' 10:00:00.000000', 'system:ingest', 'ingest', "
                "'document', :n, NULL, '{\"sha256\": \"x\", \"events\": 1}')"), {"n": number + 1})
        command.upgrade(config, "head")
    with engine.connect() as connection:
        from sqlalchemy.orm import Session

        check = verify_chain(Session(bind=connection))
    assert check.intact and check.entries == 3


def test_a_changed_original_is_found_by_custody_verify(run_cli, logged):
    status, out, err = run_cli("custody", "verify")
    assert status == 0 and "custody intact: 3 documents" in out, err
    tamper("UPDATE documents SET raw = CAST('7 killed in Taybeh.' AS BLOB) WHERE id = 2")
    status, _out, err = run_cli("custody", "verify")
    assert status == 2 and len(err.splitlines()) == 1, err
    assert "document 2:" in err and "changed after ingest" in err


def test_an_original_changed_with_its_hash_is_found_by_its_audit_entry(run_cli, logged):
    import hashlib

    forged = b"9 killed in Taybeh.\n"
    tamper("UPDATE documents SET raw = :raw, sha256 = :sha WHERE id = 1", raw=forged,
           sha=hashlib.sha256(forged).hexdigest())
    status, _out, err = run_cli("custody", "verify")
    assert status == 2 and "document 1:" in err and "changed together" in err
