"""Links in emails reach the server that sent them: ``serve`` names its own address unless the
operator set ORGKIT_BASE_URL (issue: invite links pointed at port 8000 whatever the port)."""

from __future__ import annotations

import pytest

from orgkit.core.management.commands.serve import local_base_url


@pytest.mark.parametrize(
    ("addr", "port", "ipv6", "expected"),
    [
        ("127.0.0.1", "8001", False, "http://127.0.0.1:8001"),
        ("0.0.0.0", "9000", False, "http://127.0.0.1:9000"),
        ("::1", "8000", True, "http://[::1]:8000"),
        ("::", "8000", True, "http://[::1]:8000"),
        ("orgkit.local", "8080", False, "http://orgkit.local:8080"),
    ],
)
def test_the_local_base_url_is_the_address_served(addr, port, ipv6, expected):
    assert local_base_url(addr=addr, port=port, ipv6=ipv6) == expected
