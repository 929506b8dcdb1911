"""Geo data files: transliteration rules, feature words, roles, region aliases."""
