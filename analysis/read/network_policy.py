"""Which addresses a fetch may reach: the rule that keeps feeds from being a way into private networks.

Every address falls in a class, from most to least private: loopback < private < public. A feed's entry
links may not reach a more private class than the feed itself came from (a public feed cannot make us
fetch 10.0.0.5 or 127.0.0.1; a feed served from this machine may link to this machine, which is how the
tests and local mirrors work). Some addresses are never fetched, whatever the feed: link-local (where
cloud metadata services live), the metadata addresses themselves, multicast, unspecified and reserved
ones. The class is decided on the resolved address of every hop, never on the host name (DNS can say
anything, and say it differently the second time).
"""
from __future__ import annotations

import enum
import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata and host-agent services. Most are link-local anyway; these are not all: AWS's IPv6
# endpoint sits in fc00::/7, Alibaba's in the carrier-grade NAT range, Azure's wire server in public space.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16",
))
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # 0.x.x.x reaches the local host on Linux


class Network(enum.IntEnum):
    """Address classes, ordered from most to least private."""

    LOOPBACK = 0
    PRIVATE = 1
    PUBLIC = 2

    def __str__(self) -> str:
        return self.name.lower()


class ForbiddenAddress(ValueError):
    """An address no fetch may reach, whatever the feed (the message says what it is)."""


def network_of(address: str | IPAddress) -> Network:
    """The class of an IP address; ForbiddenAddress for those never fetched."""
    ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour  # ::ffff:127.0.0.1 is 127.0.0.1 on the wire
        if embedded is not None:
            return network_of(embedded)
    if ip in METADATA_ADDRESSES:
        raise ForbiddenAddress(f"{ip} is a cloud metadata address")
    if ip.is_link_local:
        raise ForbiddenAddress(f"{ip} is a link-local address")
    if ip.is_multicast or ip.is_unspecified:
        raise ForbiddenAddress(f"{ip} is a {'multicast' if ip.is_multicast else 'unspecified'} address")
    if ip.is_loopback:
        return Network.LOOPBACK
    if ip.is_reserved or (ip.version == 4 and ip in _THIS_NETWORK):
        raise ForbiddenAddress(f"{ip} is a reserved address")
    return Network.PUBLIC if ip.is_global else Network.PRIVATE


def check_address(address: str | IPAddress, floor: Network | None) -> Network:
    """The class of `address` if a fetch whose source is of class `floor` may reach it (None: the user's
    own URL, any class but the forbidden ones); ForbiddenAddress with the reason otherwise."""
    network = network_of(address)
    if floor is not None and network < floor:
        raise ForbiddenAddress(f"{address} is a {network} address, more private than the {floor} "
                               f"network the feed came from")
    return network
