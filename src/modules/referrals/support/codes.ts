// The support track's codes (no I/O): the aangifte's answer and the B8 application's outcome.
export const AANGIFTE = ['yes', 'no', 'considering'] as const;
export const B8_OUTCOMES = ['pending', 'granted', 'refused', 'withdrawn'] as const;
