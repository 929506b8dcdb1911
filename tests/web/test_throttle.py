"""Sign-in throttling per user name and per address (issue #13 item 6), the address taken from
a proxy's X-Forwarded-For only when that proxy is configured as trusted."""

from __future__ import annotations

from pathlib import Path

from tests.web.conftest import Browserish
from tests.web.sample import PASSWORDS

from tawthiq.settings import Settings
from tawthiq.web.app import create_app


def from_address(client: Browserish, address: str) -> Browserish:
    client.client.headers["X-Forwarded-For"] = address
    return client


def behind_proxy(web_home: Path):
    # TestClient's connections come from the host "testclient": here, the reverse proxy.
    return create_app(Settings(home=web_home, trusted_proxies=["testclient"]))


def test_invented_names_from_one_address_lock_out_only_that_address(sample, web_home):
    app = behind_proxy(web_home)
    attacker = from_address(Browserish(app), "203.0.113.9")
    for i in range(25):
        assert attacker.login(f"nobody{i}", "not-the-password").status_code in (401, 429)
    assert attacker.login("admin").status_code == 429  # that address is slowed down
    admin = from_address(Browserish(app), "198.51.100.7")
    assert admin.login("admin").status_code == 303  # everyone else behind the proxy is not


def test_a_forwarded_address_is_ignored_unless_the_proxy_is_trusted(app, sample):
    attacker = Browserish(app)
    for i in range(25):
        from_address(attacker, f"203.0.113.{i}").login(f"nobody{i}", "not-the-password")
    assert from_address(attacker, "198.51.100.99").login("admin").status_code == 429


def test_one_account_guessed_from_many_addresses_is_slowed(sample, web_home):
    app = behind_proxy(web_home)
    regular = from_address(Browserish(app), "198.51.100.20")
    assert regular.login("viewer").status_code == 303  # where the viewer usually signs in
    for i in range(12):
        guesser = from_address(Browserish(app), f"203.0.113.{i}")
        assert guesser.login("viewer", "a-wrong-guess").status_code in (401, 429)
    newcomer = from_address(Browserish(app), "192.0.2.50")
    assert newcomer.login("viewer").status_code == 429
    again = from_address(Browserish(app), "198.51.100.20")
    assert again.login("viewer", PASSWORDS["viewer"]).status_code == 303
