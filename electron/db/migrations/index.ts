import { m001Core } from './001-core';
import { m002History } from './002-history';
import { m003Settings } from './003-settings';
import { m004ModelV2 } from './004-model-v2';
import { m005LookalikeParties } from './005-lookalike-parties';
import { m006IgnorableCharacters } from './006-ignorable-characters';
import type { Db } from '../connection';

/**
 * One schema step: applied in its own transaction, then `user_version` = version. `run` is code that follows
 * the SQL in the same transaction, for what SQL cannot compute (the spec's party-name key).
 */
export type Migration = { version: number; name: string; sql: string; run?: (db: Db) => void };

/** Every step in order; a book at version N has had steps 1..N applied. */
export const MIGRATIONS: readonly Migration[] = [m001Core, m002History, m003Settings, m004ModelV2, m005LookalikeParties, m006IgnorableCharacters];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
