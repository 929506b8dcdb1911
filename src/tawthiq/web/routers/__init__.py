"""One router per concern: sign-in (auth), HTML pages (pages), the JSON API (api)."""
