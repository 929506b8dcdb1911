"""tawthiq.extract: the extract stage, ``Document`` -> ``ExtractResult``.

One extractor per language, registered by name (``extract/languages.py``; English:
``extract/pipeline.py`` over the spaCy components of ``tawthiq.nlp``). An extractor finds the
report's incidents (``segment``), and for each its type and means, date (``dates``), counts
(``fatalities``), place, perpetrators as attributed (``attribution``), victims and communal
identity (``identity``, ``persons``), sources and claims (``claims``), every field with the
span of words that supports it (``build``). Places and actors are resolved through the
resolvers it is given (``tawthiq.resolve``). Called by the composition point, ``tawthiq.pipeline``.
"""
