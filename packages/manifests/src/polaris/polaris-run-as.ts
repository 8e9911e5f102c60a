/** The Polaris images' user: UID 10000, GID 10001. */
export const polarisRunAs = { user: 10000, group: 10001, fsGroup: 10001 };
