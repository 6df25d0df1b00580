// The service the records of the services past the individually scored ones pool into
// (telemetry-profile.ts SERVICE_CAP); the reports explain it beneath their service tables (report/view.ts).
export const OVERFLOW_SERVICE = '(other services)';
