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

const INFLUX_RANGE = '2024-01-01T00:00:00Z,2024-01-01T01:00:00Z';

/**
 * `influx query --raw` of cpu, disk and system: 3 tables with different column sets (tags cpu+host,
 * device+fstype+host, none), each after a blank line with its own annotations and header. 6 rows.
 */
export const INFLUX_TABLES = [
  '#group,false,false,true,true,false,false,true,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string',
  '#default,_result,,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host',
  `,,0,${INFLUX_RANGE},2024-01-01T00:00:10Z,12.5,usage_user,cpu,cpu-total,web-1`, // line 5
  `,,0,${INFLUX_RANGE},2024-01-01T00:00:20Z,13.1,usage_user,cpu,cpu-total,web-1`,
  `,,1,${INFLUX_RANGE},2024-01-01T00:00:10Z,3.2,usage_system,cpu,cpu-total,web-1`,
  '',
  '#group,false,false,true,true,false,false,true,true,true,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,long,string,string,string,string,string',
  '#default,_result,,,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,device,fstype,host',
  `,,2,${INFLUX_RANGE},2024-01-01T00:00:10Z,1073741824,used,disk,sda1,ext4,web-1`, // line 13
  `,,2,${INFLUX_RANGE},2024-01-01T00:00:20Z,1073745920,used,disk,sda1,ext4,web-1`,
  '',
  '#group,false,false,true,true,false,false,true,true',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string',
  '#default,_result,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement',
  `,,3,${INFLUX_RANGE},2024-01-01T00:00:10Z,0.42,load1,system`, // line 20
  '',
  '',
].join('\r\n');
