// One JSON text per value (RFC 8785: keys sorted, numbers and strings in one form), so that the same
// content hashes the same whatever its key order: request bodies, audit links.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

/** SHA-256 (hex) of a value's canonical JSON, after an optional prefix line (what the value is for). */
export function hashOfJson(value: unknown, prefix?: string): string {
  return createHash('sha256')
    .update(prefix === undefined ? canonicalJson(value) : `${prefix}\n${canonicalJson(value)}`)
    .digest('hex');
}
