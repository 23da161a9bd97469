/** The largest saved page read (CLI and editor): a saved article page is rarely above a few megabytes. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
