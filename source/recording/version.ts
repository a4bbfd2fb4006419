/** The memsim version written into session headers; a test keeps it equal to package.json's. */
export const memsimVersion = '0.1.0';
