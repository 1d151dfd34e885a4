/** A path on this site: not another host, a protocol-relative address or a backslash trick. */
function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !/[\u0000-\u001f\\]/.test(path);
}

/**
 * Only a path on this site. Both what was sent and what it resolves to are checked: dot segments
 * (`/..//evil.example`, also percent-encoded) resolve to a protocol-relative `//evil.example`.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !isLocalPath(value)) return fallback;
  try {
    const parsed = new URL(value, 'http://local.invalid');
    if (parsed.origin !== 'http://local.invalid') return fallback;
    const resolved = parsed.pathname + parsed.search + parsed.hash;
    return isLocalPath(resolved) ? resolved : fallback;
  } catch {
    return fallback;
  }
}
