// Choosing the encoding of a prepared answer from Accept-Encoding.
import { describe, expect, it } from 'vitest';
import { asciiJson, CachedResponse, preferredEncoding } from './prepared.js';

describe('preferredEncoding', () => {
  it('prefers brotli, then gzip, and respects q=0', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(preferredEncoding('identity')).toBeUndefined();
    expect(preferredEncoding(undefined)).toBeUndefined();
    // Asked again (answered from the memo), and a header too long to remember.
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding(`${'x-long;q=0.5, '.repeat(30)}gzip`)).toBe('gzip');
  });
});

describe('asciiJson', () => {
  it('writes every character beyond ASCII as an escape, so the text parses to the same value', () => {
    const value = { name: 'Hulp bij uitbuiting – één loket', ar: 'مساعدة', emoji: 'ok 👍', line: 'a\u2028b' };
    const text = asciiJson(JSON.stringify(value));
    expect([...text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(text).toContain('\\u00e9\\u00e9n');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves ASCII-only JSON as it is', () => {
    const text = JSON.stringify({ a: 'plain', b: [1, 2] });
    expect(asciiJson(text)).toBe(text);
  });

  it('prepares the ASCII bytes, with the same ETag for the same value', () => {
    const a = CachedResponse.fromJson(JSON.stringify({ name: 'één' }));
    expect(a.body.toString('latin1')).toBe('{"name":"\\u00e9\\u00e9n"}');
    expect(CachedResponse.fromJson(JSON.stringify({ name: 'één' })).etag).toBe(a.etag);
  });
});
