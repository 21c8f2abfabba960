/** Shared by the mapping form (client) and its schema; the DAL enforces the same limit. */
export const GROUP_NAME_MAX_LENGTH = 200;
