import { m001Core } from './001-core';
import { m002History } from './002-history';
import { m003Settings } from './003-settings';

/** One schema step: applied in its own transaction, then `user_version` = version. */
export type Migration = { version: number; name: string; sql: string };

/** Every step in order; a book at version N has had steps 1..N applied. */
export const MIGRATIONS: readonly Migration[] = [m001Core, m002History, m003Settings];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
