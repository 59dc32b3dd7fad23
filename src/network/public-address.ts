import { BlockList, isIP } from 'node:net';

/**
 * Addresses user-supplied URLs (brand websites, webhooks) may not reach unless an operator allows it:
 * the server's own network.
 * Beyond private, loopback, link-local and unspecified addresses this also refuses shared (CGNAT),
 * multicast, broadcast and reserved space, none of which is a receiver on the public internet.
 * IPv4-mapped IPv6 addresses are checked against the IPv4 ranges by BlockList itself.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** The 16-bit groups of a canonical (URL-serialised, hex-only) IPv6 address. */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address that NAT64 (64:ff9b::/96) or 6to4 (2002::/16) carry inside an IPv6 one. */
function embeddedIpv4(address: string): string | null {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const groups = ipv6Groups(canonical);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return ipv4FromGroups(groups[6] ?? 0, groups[7] ?? 0);
  }
  if (groups[0] === 0x2002) return ipv4FromGroups(groups[1] ?? 0, groups[2] ?? 0);
  return null;
}

/** True for an address on the public internet (IPv4 or IPv6 literal). */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return !blocked.check(address, 'ipv4');
  if (version !== 6) return false;
  if (blocked.check(address, 'ipv6')) return false;
  const inner = embeddedIpv4(address);
  return inner === null || !blocked.check(inner, 'ipv4');
}
