// The choices the data hub offers by name (file layouts, fabrication modes), apart from the code that implements
// them, so that the command line can offer them without loading that code.

/** The data set file layouts (see formats.ts). */
export const FORMATS = ['ctdc-vp', 'ctdc-global', 'htcds'] as const;
export type DatasetFormat = (typeof FORMATS)[number];

/**
 * How the synthesis treats combinations the noisy marginals do not contain (SDS's fabrication modes):
 * - `minimize` (default): a value is only drawn when every combination it forms with the values already chosen
 *   (all lengths up to L) is in the noisy marginals; when none is, the attribute stays empty (missing). No
 *   combination is fabricated, and a rare combination can only appear where its noisy count passed the
 *   threshold.
 * - `uncontrolled`: back off to shorter tables when the longest allow nothing (the behaviour before issue 14):
 *   fewer empty attributes, but combinations that the marginals dropped are made up, and rare ones among them
 *   come back (leakage).
 */
export type FabricationMode = 'minimize' | 'uncontrolled';
export const FABRICATION_MODES: readonly FabricationMode[] = ['minimize', 'uncontrolled'];
