"""The address classes behind the SSRF rule: loopback < private < public, and the never-fetched ones."""
import pytest

from analysis.read.network_policy import ForbiddenAddress, Network, check_address, network_of

L, P, G = Network.LOOPBACK, Network.PRIVATE, Network.PUBLIC


@pytest.mark.parametrize("address, network", [
    ("127.0.0.1", L), ("127.255.255.254", L), ("::1", L), ("::ffff:127.0.0.1", L), ("2002:7f00:1::", L),
    ("10.0.0.5", P), ("172.16.3.4", P), ("192.168.1.1", P), ("100.64.0.9", P), ("198.18.0.1", P),
    ("fd12:3456::1", P), ("::ffff:10.1.2.3", P), ("2002:c0a8:101::", P),
    ("93.184.216.34", G), ("8.8.8.8", G), ("2606:4700:4700::1111", G), ("::ffff:8.8.8.8", G),
])
def test_address_classes(address, network):
    assert network_of(address) == network


@pytest.mark.parametrize("address, what", [
    ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"), ("100.100.100.200", "metadata"),
    ("168.63.129.16", "metadata"), ("169.254.170.2", "metadata"), ("::ffff:169.254.169.254", "metadata"),
    ("2002:a9fe:a9fe::", "metadata"), ("169.254.1.1", "link-local"), ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"), ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("0.1.2.3", "reserved"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"), ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"), ("::127.0.0.1", "reserved"), ("64:ff9b::a9fe:a9fe", "reserved"),
])
def test_addresses_never_fetched(address, what):
    with pytest.raises(ForbiddenAddress, match=what):
        network_of(address)


@pytest.mark.parametrize("floor, address, allowed", [
    (None, "127.0.0.1", True), (None, "10.0.0.1", True), (None, "8.8.8.8", True),
    (L, "127.0.0.1", True), (L, "10.0.0.1", True), (L, "8.8.8.8", True),
    (P, "127.0.0.1", False), (P, "::1", False), (P, "10.0.0.1", True), (P, "8.8.8.8", True),
    (G, "127.0.0.1", False), (G, "192.168.0.1", False), (G, "::ffff:10.0.0.1", False), (G, "8.8.8.8", True),
])
def test_a_link_may_not_reach_a_more_private_class_than_its_feed(floor, address, allowed):
    if allowed:
        assert check_address(address, floor) == network_of(address)
    else:
        with pytest.raises(ForbiddenAddress, match="more private than the"):
            check_address(address, floor)
