// Series whose identity is in a file's path, not in its content.
//
// A wide CSV names a series by its column header alone (`value`, `cpu`, `rx`): the same header in
// two files is two series, not one (two `time,value` exports, collectd's one file per value
// list), so a column's series is bound to its file (MetricPoint.seriesFile). A file name that ends
// in a date (and time) is one part of a series split in time: collectd's csv plugin starts a file a
// day (`cpu-idle-2026-11-27`, `cpu-idle-2026-11-28`), tools name downloads by the time they were
// made; the date is dropped from the identity, so those parts stay one series.
//
// collectd's csv plugin writes `<host>/<plugin>[-<plugin instance>]/<type>[-<type instance>]-<date>`
// with the header `epoch,<data source names>` (`epoch,value`, `epoch,rx,tx`,
// `epoch,shortterm,midterm,longterm`): the metric is named by the path, as collectd's own
// write_prometheus plugin names it (src/write_prometheus.c): `collectd_<plugin>_<type>_<data source>`,
// the plugin left out when the type is called the same, the data source when it is `value`; the
// plugin instance as the label `<plugin>`, the type instance as `type` (as `<plugin>` when there is
// no plugin instance), the host as `instance`. write_prometheus adds `_total` to counters; a CSV
// does not say a data source's type, so no suffix is added.

import { setOwn } from '../../model/own-key.js';

/** A compression suffix, dropped before the date is looked for. */
const COMPRESSED = /\.(?:gz|gzip|zst|zstd|bz2|xz)$/i;
/**
 * A trailing date (`-2026-11-27`, `_20261127`), maybe with a time (`_2026-11-27 10_00_00`,
 * `-2026-11-27T10-00`), before an optional extension.
 */
const TRAILING_DATE = /[-_. ]?(?:19|20)\d\d(-?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[T _-]?(?:[01]\d|2[0-3])(?:[-_:.]?[0-5]\d){1,2})?(?=(?:\.[A-Za-z][A-Za-z0-9]{0,4})?$)/;

/** The series identity of a file's columns: its path without a compression suffix and a trailing date. */
export function seriesFileOf(path: string): string {
  const p = path.replace(COMPRESSED, '');
  const slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  const dir = p.slice(0, slash + 1);
  const base = p.slice(slash + 1);
  return dir + base.replace(TRAILING_DATE, '');
}

const NAME = /^[A-Za-z0-9_]+$/;
const COLLECTD_FILE = /^([A-Za-z0-9_]+)(?:-(.+?))?-\d{4}-\d\d-\d\d$/;
const COLLECTD_DIR = /^([A-Za-z0-9_]+)(?:-(.+))?$/;

/**
 * The series of a collectd csv plugin file's value columns (one per header cell after `epoch`),
 * named as write_prometheus names them; undefined when the header or the path is not collectd's.
 */
export function collectdSeries(path: string, header: readonly string[]): { name: string; labels: Record<string, string> }[] | undefined {
  if (header.length < 2 || header[0] !== 'epoch' || !header.slice(1).every((h) => NAME.test(h))) return undefined;
  const parts = path.replace(COMPRESSED, '').split(/[\\/]/);
  if (parts.length < 3) return undefined;
  const file = COLLECTD_FILE.exec(parts[parts.length - 1]!);
  const dir = COLLECTD_DIR.exec(parts[parts.length - 2]!);
  const host = parts[parts.length - 3]!;
  if (!file || !dir || host === '' || host === '.' || host === '..') return undefined;
  const [, plugin, pluginInstance] = dir as unknown as [string, string, string | undefined];
  const [, type, typeInstance] = file as unknown as [string, string, string | undefined];
  const labels: Record<string, string> = {};
  if (pluginInstance !== undefined) setOwn(labels, plugin, pluginInstance);
  if (typeInstance !== undefined) setOwn(labels, pluginInstance !== undefined ? 'type' : plugin, typeInstance);
  labels['instance'] = host;
  const stem = 'collectd_' + (plugin === type ? type : plugin + '_' + type);
  return header.slice(1).map((ds) => ({ name: ds === 'value' ? stem : stem + '_' + ds, labels: { ...labels } }));
}
