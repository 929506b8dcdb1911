"""Linking: reports of the same incident -> one incident; corroboration grades."""
