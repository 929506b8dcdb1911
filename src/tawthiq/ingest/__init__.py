"""Ingestion: readers per format turn files into ``Document``s (original bytes and their
SHA-256 kept beside). Nothing here extracts or stores: ``tawthiq.pipeline`` composes the stages."""
