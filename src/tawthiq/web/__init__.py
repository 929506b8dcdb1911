"""tawthiq.web: the analysts' web application and its JSON API (FastAPI). A thin layer:
routes translate an HTTP request into one library call (``tawthiq.api``, the store's read
models, the review actions) and render the answer, redacted for the reader's role."""
