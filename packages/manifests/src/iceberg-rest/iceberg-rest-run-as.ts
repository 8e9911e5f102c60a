/** The iceberg-rest server's user: the ids Polaris's image uses (UID 10000, GID 10001), set explicitly. */
export const icebergRestRunAs = { user: 10000, group: 10001, fsGroup: 10001 };
