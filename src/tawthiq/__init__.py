"""tawthiq: documenting violence against civilians from open sources.

Data flows one way: ingest -> extract -> resolve -> link -> store -> serve.
The library's front door is :mod:`tawthiq.api`; the CLI is a thin layer over it.
"""

__version__ = "0.1.0"
