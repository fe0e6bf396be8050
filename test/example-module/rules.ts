/** A bulletin shows until the end of its last day. */
export const isShown = (expiresOn: string, today: string): boolean => expiresOn >= today;
