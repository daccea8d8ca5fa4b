import { userInfo } from 'node:os';

/** Who a command-line step is recorded as in a team book's history. */
export const cliUser = (): string => `cli:${safeUserName()}`;

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
