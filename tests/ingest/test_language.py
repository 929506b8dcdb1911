"""Reports not in English are marked so: the web app withholds their text from viewers,
because no witness can be recorded in them yet."""

from tawthiq.ingest.documents import make_document, script_language
from tawthiq.ingest.readers import iter_documents


def test_script_language_by_majority_of_letters():
    assert script_language("Shelling on Tayr Ma'lah (تير معلة) killed a woman.") is None
    assert script_language("قال الشاهد إن القذائف سقطت قرب المدرسة في تير معلة.") == "ar"
    assert script_language("Обстрел деревни, погибли двое.") == "und"
    assert script_language("1234 5678") is None


def test_arabic_report_is_stored_as_arabic_even_with_the_default_language(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("قال الشاهد إن القذائف سقطت قرب المدرسة.\n", encoding="utf-8")
    (item,) = iter_documents([path])
    assert item.document.language == "ar"
    assert make_document("x", "Gunmen killed two men.", language="en").language == "en"
