// The level tables live in the model (analyzers/model/severity.ts), so that every reader and the
// profile's fallback for a record with a severity text only give one answer for one level.
export { severityFromLevelField, severityFromLetter, severityFromNumber, severityFromSyslog, severityFromText, SYSLOG_SEVERITIES } from '../../model/severity.js';
export type { NumericScale, Severity, SyslogSeverity } from '../../model/severity.js';
