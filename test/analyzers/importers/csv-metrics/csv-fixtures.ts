// Small inline CSV exports shared by the csv-metrics tests and the chunking invariance test.

/** Grafana "Formatted data" saved in a decimal-comma locale (`;`, CRLF). */
export const LOCALE_GRAFANA = [
  '"Time";"latency{pod=""a""}";"cpu";"mem"',
  '2024-01-01T10:00:00Z;0,5 ms;12,5 %;1,50 MiB',
  '2024-01-01T10:00:15Z;1,20 s;13 %;512 B',
  '2024-01-01T10:00:30Z;999 ms;12,75%;1.234,5 KiB',
  '',
].join('\r\n');

/** Grafana "Series joined by time" of two panels whose series are both named `value`: 3 rows × 2 columns. */
export const GRAFANA_SAME_HEADERS = ['"Time","value","value"', '2024-01-01T10:00:00Z,1.5,20', '2024-01-01T10:00:15Z,1.7,21', '2024-01-01T10:00:30Z,,22', ''].join('\n');
