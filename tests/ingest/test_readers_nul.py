"""A NUL character inside a JSON string is refused by the reader, as a NUL byte in a file is,
so SQLite and PostgreSQL stores behave alike."""

from tawthiq.ingest.readers import iter_documents


def test_jsonl_text_with_escaped_nul_is_a_line_error(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "a", "text": "Shelling killed two.\\u0000"}\n'
                    '{"id": "b", "text": "Shelling killed three."}\n', encoding="utf-8")
    first, second = iter_documents([path])
    assert first.document is None and first.error is not None
    assert first.error.field == "text" and first.error.line == 1
    assert "NUL" in first.error.one_line()
    assert second.document is not None and second.error is None
