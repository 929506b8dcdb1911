"""Domain actions shared by the command line, the web app and the library's front door
(``tawthiq.api``): users, their roles, passwords and API tokens (``users``); the analyst's
review of event reports and incidents - accept, edit, reject, merge, split (``actions``);
and the audit log that records each of these changes (``audit``).

The web routers only translate an HTTP request into one of these calls and its result into a
page or JSON; roles are checked there, before the call.
"""
