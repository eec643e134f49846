// The sample data and the referral demo (demo accounts with known passwords) load only on the embedded database
// outside production, and only when asked: a production start never creates them.
import { describe, expect, it } from 'vitest';
import { sampleDataWanted } from './serve.js';

describe('sample data and demo accounts at start-up', () => {
  it('load for `npm start` on the embedded database', () => {
    expect(sampleDataWanted({ databaseUrl: undefined, nodeEnv: 'development' }, true)).toBe(true);
  });
  it('never load in production, with a PostgreSQL server, or without --seed-if-empty', () => {
    expect(sampleDataWanted({ databaseUrl: undefined, nodeEnv: 'production' }, true)).toBe(false);
    expect(sampleDataWanted({ databaseUrl: 'postgres://db/samen', nodeEnv: 'development' }, true)).toBe(
      false,
    );
    expect(sampleDataWanted({ databaseUrl: undefined, nodeEnv: 'development' }, false)).toBe(false);
  });
});
