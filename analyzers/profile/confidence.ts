// How far a finding's evidence can be trusted, from the records examined (docs/scoring.md):
// low under 30, medium under 300, high otherwise. One rule for the profile rules and the
// correlation rules alike.
export function confidenceOf(examined: number): 'high' | 'medium' | 'low' {
  return examined < 30 ? 'low' : examined < 300 ? 'medium' : 'high';
}
