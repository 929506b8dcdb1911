"""tawthiq.link: the link stage, a report's events -> incidents told by many reports, with
consolidated counts and corroboration grades. Called by the composition point,
``tawthiq.pipeline``, inside the transaction that stores the report."""
