"""Ingestion: readers per format turn files into ``Document``s; the service stores them."""
