// java.util.logging's default SimpleFormatter on a JVM whose locale is not English (a German or
// French server's Tomcat `catalina.out`): its format `%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp
// %2$s%n%4$s: %5$s%6$s%n` writes the month and the AM/PM marker in the locale's words, and the
// level as Level.getLocalizedName() gives it, from the JDK's own sun.util.logging.resources.logging_<locale>
// bundles (de, es, fr, it, ja, ko, pt_BR, sv, zh_CN, zh_HK, zh_TW: the locales the JDK ships them for).
//
// The words are the JDK's exactly, as a small Java program printed them under each Locale
// (Level.X.getLocalizedName(), String.format(locale, "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp", t)),
// on OpenJDK 17.0.15 and Temurin 25 (the same words): the CLDR month names the JDK writes by
// default since 9, and those of its older locale data (JDK 8, or `-Djava.locale.providers=COMPAT`).

/** One locale's words, in the order SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST. */
interface JulLocale {
  readonly tag: string;
  readonly levels: readonly [string, string, string, string, string, string, string];
  /** Month abbreviations (`%tb`), January first: CLDR (JDK 9+), then JDK 8's where they differ. */
  readonly months: readonly string[];
  readonly monthsJdk8?: readonly string[];
  /** AM and PM as `%Tp` writes them (upper case). */
  readonly am: string;
  readonly pm: string;
}

const LEVEL_NAMES = ['SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE', 'FINER', 'FINEST'] as const;

const NUMBERED = (suffix: string): string[] => Array.from({ length: 12 }, (_, i) => `${i + 1}${suffix}`);

const LOCALES: readonly JulLocale[] = [
  {
    tag: 'de',
    levels: ['SCHWERWIEGEND', 'WARNUNG', 'INFORMATION', 'KONFIGURATION', 'FEIN', 'FEINER', 'AM FEINSTEN'],
    months: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
    monthsJdk8: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
    am: 'AM',
    pm: 'PM',
  },
  {
    tag: 'es',
    levels: ['GRAVE', 'ADVERTENCIA', 'INFORMACIÓN', 'CONFIGURAR', 'DETALLADO', 'MUY DETALLADO', 'MÁS DETALLADO'],
    months: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
    monthsJdk8: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
    // (CLDR's `a. m.` with a no-break space, upper-cased; JDK 8 wrote AM/PM)
    am: 'A.\u00a0M.',
    pm: 'P.\u00a0M.',
  },
  {
    tag: 'fr',
    levels: ['GRAVE', 'AVERTISSEMENT', 'INFOS', 'CONFIG', 'PRÉCIS', 'PLUS PRÉCIS', 'LE PLUS PRÉCIS'],
    months: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
    am: 'AM',
    pm: 'PM',
  },
  {
    tag: 'it',
    levels: ['GRAVE', 'AVVERTENZA', 'INFORMAZIONI', 'CONFIGURAZIONE', 'BUONO', 'MIGLIORE', 'OTTIMALE'],
    months: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
    am: 'AM',
    pm: 'PM',
  },
  {
    tag: 'ja',
    levels: ['重大', '警告', '情報', '構成', '普通', '詳細', '最も詳細'],
    // (JDK 8 wrote the month's number alone: `11 27, 2026 3:04:05 午後`)
    months: NUMBERED('月'),
    monthsJdk8: NUMBERED(''),
    am: '午前',
    pm: '午後',
  },
  {
    tag: 'ko',
    levels: ['심각', '경고', '정보', '구성', '미세', '보다 미세', '가장 미세'],
    months: NUMBERED('월'),
    am: '오전',
    pm: '오후',
  },
  {
    tag: 'pt-BR',
    levels: ['GRAVE', 'ADVERTÊNCIA', 'INFORMAÇÕES', 'CONFIGURAÇÃO', 'DETALHADO', 'MAIS DETALHADO', 'O MAIS DETALHADO'],
    months: ['jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'],
    monthsJdk8: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
    am: 'AM',
    pm: 'PM',
  },
  {
    tag: 'sv',
    levels: ['ALLVARLIG', 'VARNING', 'INFO', 'KONFIG', 'FIN', 'FINARE', 'FINASTE'],
    months: ['jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'],
    monthsJdk8: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    // (förmiddag, eftermiddag)
    am: 'FM',
    pm: 'EM',
  },
  {
    tag: 'zh-CN',
    levels: ['严重', '警告', '信息', '配置', '详细', '较详细', '非常详细'],
    months: NUMBERED('月'),
    monthsJdk8: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    am: '上午',
    pm: '下午',
  },
  {
    // (zh_HK's bundle has zh_TW's words)
    tag: 'zh-TW',
    levels: ['嚴重', '警告', '資訊', '組態', '詳細', '較詳細', '最詳細'],
    months: NUMBERED('月'),
    monthsJdk8: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    am: '上午',
    pm: '下午',
  },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Localized month name → month (1–12), of every locale above (English's are read by the common shapes). */
const MONTH_OF = new Map<string, number>();
/** AM/PM marker → true for PM (English's AM and PM included: most locales above write them). */
const PM_OF = new Map<string, boolean>([['AM', false], ['PM', true]]);
for (const l of LOCALES) {
  for (const list of [l.months, l.monthsJdk8 ?? []]) list.forEach((m, i) => MONTH_OF.set(m, i + 1));
  // (a no-break space may have been written as a space)
  for (const [marker, pm] of [[l.am, false], [l.pm, true]] as const) {
    PM_OF.set(marker, pm);
    PM_OF.set(marker.replace(/\u00a0/g, ' '), pm);
  }
}

/** The characters a localized month name starts with (a quick test before the pattern). */
export const JUL_MONTH_FIRST: ReadonlySet<string> = new Set([...MONTH_OF.keys()].map((m) => m[0]!));

const byLength = (a: string, b: string): number => b.length - a.length;

/**
 * SimpleFormatter's date in one of the locales above: `nov. 27, 2026 3:36:32 PM`, `Okt. 27, 2026
 * 3:04:05 PM`, `11月 27, 2026 3:04:05 午後`. Groups: month, day, year, hour (12-hour, unpadded),
 * minute, second, marker.
 */
export const JUL_LOCAL_DATE = `(${[...MONTH_OF.keys()].sort(byLength).map(escape).join('|')}) (\\d{2}), (\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2}) (${[...PM_OF.keys()].sort(byLength).map(escape).join('|')})(?![\\p{L}\\p{N}])`;

/**
 * The month and whether the hour is after noon, of a JUL_LOCAL_DATE match's month and marker;
 * undefined when they are no locale's pair: a month written as a bare number (JDK 8's Japanese) is
 * one only with the Japanese marker.
 */
export function julLocalDate(month: string, marker: string): { month: number; pm: boolean } | undefined {
  const mo = MONTH_OF.get(month);
  const pm = PM_OF.get(marker);
  if (mo === undefined || pm === undefined) return undefined;
  if (/^\d+$/.test(month) && marker !== '午前' && marker !== '午後') return undefined;
  return { month: mo, pm };
}

/** Localized level word → the English level names it stands for (a word two locales share may stand for two). */
const LEVEL_OF = new Map<string, { level: string; tag: string }[]>();
for (const l of LOCALES) {
  l.levels.forEach((w, i) => {
    const list = LEVEL_OF.get(w) ?? [];
    list.push({ level: LEVEL_NAMES[i]!, tag: l.tag });
    LEVEL_OF.set(w, list);
  });
}
for (const name of LEVEL_NAMES) LEVEL_OF.set(name, [{ level: name, tag: 'en' }]);

/** The second line of a SimpleFormatter record: the level, in any of the locales above or English, a colon, the message. */
const LEVEL_LINE = new RegExp(`^(${[...LEVEL_OF.keys()].sort(byLength).map(escape).join('|')}): `);

/**
 * The level of a SimpleFormatter record's second line (`WARNUNG: cache miss`, `SEVERE: boom`): the
 * word as written and the English level it is. `dateLine` (the record's first line) tells a word
 * two locales share apart by the AM/PM marker it writes (`詳細` is FINER in Japanese, FINE in
 * traditional Chinese).
 */
export function julLevelLine(line: string, dateLine: string): { text: string; level: string } | undefined {
  const m = LEVEL_LINE.exec(line);
  if (!m) return undefined;
  const word = m[1]!;
  const candidates = LEVEL_OF.get(word)!;
  if (candidates.length === 1) return { text: word, level: candidates[0]!.level };
  const own = candidates.find((c) => {
    const l = LOCALES.find((x) => x.tag === c.tag)!;
    return dateLine.includes(` ${l.am} `) || dateLine.includes(` ${l.pm} `);
  });
  return { text: word, level: (own ?? candidates[0]!).level };
}
