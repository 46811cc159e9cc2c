"""Every data test runs without network and without the user's cache or GRADCHECK_DATA."""

import urllib.request

import pytest


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point the cache and HOME at a temporary folder, and make any real download fail the test."""
    monkeypatch.delenv("GRADCHECK_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    def no_network(url, *args, **kwargs):
        pytest.fail(f"a test tried to download {url}")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
