"""Each report is marked with its language: Arabic and English reports go to their own
extractors; a report in a language no extractor reads is withheld from viewers, because no
witness could be recorded in it."""

from tawthiq.ingest.documents import latin_language, make_document, script_language
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


FRENCH = ("Des hommes armés ont tué quatre bergers lundi près du village, selon des habitants. "
          "Un voisin a déclaré qu'il avait entendu des tirs pendant une heure avant l'aube, puis "
          "que les secours étaient arrivés trop tard pour les blessés.")
TURKISH = ("Silahlı kişiler pazartesi günü köyün yakınında dört çobanı öldürdü, köy sakinleri "
           "söyledi. Bir komşu, şafaktan önce bir saat boyunca silah sesleri duyduğunu ve "
           "yardımın yaralılar için çok geç geldiğini anlattı.")


def test_a_latin_script_report_in_another_language_is_not_taken_for_english(tmp_path):
    assert latin_language(FRENCH) == "fr"
    assert latin_language(TURKISH) == "tr"
    path = tmp_path / "rapport.txt"
    path.write_text(FRENCH + "\n", encoding="utf-8")
    (item,) = iter_documents([path])  # the default language is English
    assert item.document.language == "fr"


def test_english_with_many_names_and_short_reports_stay_english():
    names = ("Ahmad Khalil, Rami Saleh, Omar Haddad, Huda Salem and Fadi Nasr were killed in "
             "Kafr Tala and Tell Hamra on Monday, relatives of the five said on Tuesday.")
    assert latin_language(names) is None
    assert latin_language("Des tirs à l'aube.") is None  # too few words to tell
    assert make_document("x", names, language="en").language == "en"
