// Rules contributed by other modules register here, one line each, so the catalogue is complete
// wherever scoring is imported (CLI, worker, docs generator).
// e.g. import { CORRELATION_RULES } from '../correlation/rules.js'; registerRules(CORRELATION_RULES);
import { registerRules } from './catalogue.js';
import { CORRELATION_RULE_DEFINITIONS } from '../correlation/scoring-rules.js';

registerRules(CORRELATION_RULE_DEFINITIONS);
