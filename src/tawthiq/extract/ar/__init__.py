"""tawthiq.extract.ar: the Arabic extractor, beside the English one and with its output
contract (``extract.schema.json``): places and actors in Arabic script through the shared
geocoder and actor registry, evidence spans into the original Arabic text."""
