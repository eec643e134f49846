// A small HTCDS 2.0 file for tests that need a data set but not the CTDC data: 400 cases with a few rare
// combinations, so disclosure control has something to do.
import { seededRng } from '../random.js';

export function htcdsFixture(seed = 'pages', rows = 400): string {
  const rng = seededRng(seed);
  const lines = ['prs_Gender,vic_TypeOfExploitation,vic_AgeWhenTrafficked,samen_Region'];
  for (let i = 0; i < rows; i++) {
    const gender = rng.next() < 0.6 ? 'Feminine' : rng.next() < 0.95 ? 'Masculine' : 'NonConforming';
    const form =
      gender === 'Feminine' ? 'SexualExploitation' : rng.next() < 0.8 ? 'ForcedLabour' : 'ForcedBegging';
    const age = String(15 + rng.int(30));
    const region = ['PE01', 'PE02', 'PE03'][rng.int(3)]!;
    lines.push([gender, form, age, region].join(','));
  }
  return lines.join('\n');
}
