// Choosing the encoding of a prepared answer from Accept-Encoding.
import { describe, expect, it } from 'vitest';
import { preferredEncoding } from './prepared.js';

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
