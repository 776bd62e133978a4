/** Levels whose units send annual reports (and get REPORT_MISSING when they do not). */
export const REPORTING_LEVELS = ['STREET', 'TOWN'] as const;
