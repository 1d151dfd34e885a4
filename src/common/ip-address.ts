/** An IPv4 address as people write it, not in the IPv6 form a dual-stack server sees it in. */
export function addressForPeople(ip: string | null | undefined): string | null {
  return ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? null;
}
