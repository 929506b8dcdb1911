"""Ingestion: readers per format turn files into ``Document``s; ``store_documents`` keeps them."""
