/** Cube and Cube Store images run as root by default; floe runs them as 1000. */
export const cubeRunAs = { user: 1000, group: 1000, fsGroup: 1000 };
