"""tawthiq.nlp.ar: reading Arabic reports - folding, numbers, casualty counts, dates, means.

Everything here works on a folded copy of the text (``text.ArabicText``) whose offsets map
back to the original, so every span the extractor records points at the original Arabic words.
"""
