import { partyKey } from '../../../shared/model/deal';
import { mergeLookalikeParties } from '../lookalike-parties';
import type { Migration } from './index';

// Books made before the spec's one party-name rule may hold one counterparty under several spellings that look
// the same (NFC and NFD "Café", a zero-width space, a different case beyond ASCII). They are merged once, as one
// undo step the analyst can take back, and the groups are reported (settings 'report.lookalike-parties', shown by
// `dealbook check`). Matching after this step is by the same rule (shared/model/deal's partyKey), today's: when
// the rule grew (step 6), an older book is merged by the grown rule here, once, and step 6 finds nothing more.
export const m005LookalikeParties = {
  version: 5,
  name: 'merge lookalike party names',
  sql: '',
  run: (db) => void mergeLookalikeParties(db, partyKey, new Date().toISOString()),
} satisfies Migration;
