// The town field: what a person typed to a municipality. The resolver is the directory's gazetteer (every
// municipality, town, village and four-digit postcode, and city names in other languages and scripts), so the
// wegwijzer and the directory's town filter agree. See ../directory/gazetteer.ts.
export { editDistance, placeLabel, type PlaceCandidate, type PlaceResolution } from '../directory/index.js';
