import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Attachment files under DATA_DIR/cases/<case id>/<storage key>, sealed. Deleting a case moves
 * its folder into DATA_DIR/cases/.deleting inside the database transaction and removes it after
 * the commit; a crash in between leaves a folder there that the next sweep removes.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STORAGE_KEY = /^[0-9a-f]{32}$/;
const TRASH = '.deleting';

export function casesRoot(dataDir: string): string {
  return join(dataDir, 'cases');
}

function caseDir(dataDir: string, caseId: string): string {
  if (!UUID.test(caseId)) {
    throw new Error('invalid case id');
  }
  return join(casesRoot(dataDir), caseId);
}

function trashDir(dataDir: string, caseId: string): string {
  return join(casesRoot(dataDir), TRASH, caseId);
}

export function newAttachmentKey(): string {
  return randomBytes(16).toString('hex');
}

export function attachmentPath(dataDir: string, caseId: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) {
    throw new Error('invalid storage key');
  }
  return join(caseDir(dataDir, caseId), storageKey);
}

export async function writeAttachmentFile(
  dataDir: string,
  caseId: string,
  storageKey: string,
  sealed: Buffer,
): Promise<void> {
  await mkdir(caseDir(dataDir, caseId), { recursive: true, mode: 0o700 });
  await writeFile(attachmentPath(dataDir, caseId, storageKey), sealed, { mode: 0o600, flag: 'wx' });
}

/** Replaces a file atomically (key rotation): a crash leaves the old or the new file, never half. */
export async function replaceAttachmentFile(
  dataDir: string,
  caseId: string,
  storageKey: string,
  sealed: Buffer,
): Promise<void> {
  const target = attachmentPath(dataDir, caseId, storageKey);
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, sealed, { mode: 0o600, flag: 'wx' });
  await rename(temp, target);
}

export async function readAttachmentFile(
  dataDir: string,
  caseId: string,
  storageKey: string,
): Promise<Buffer> {
  return readFile(attachmentPath(dataDir, caseId, storageKey));
}

export async function removeAttachmentFile(
  dataDir: string,
  caseId: string,
  storageKey: string,
): Promise<void> {
  await rm(attachmentPath(dataDir, caseId, storageKey), { force: true });
}

/** Moves the case folders aside; returns those that existed, to restore on rollback. */
export async function moveCaseDirsToTrash(
  dataDir: string,
  caseIds: readonly string[],
): Promise<string[]> {
  await mkdir(join(casesRoot(dataDir), TRASH), { recursive: true, mode: 0o700 });
  // One directory listing instead of a failing rename per case without attachments.
  const present = new Set(await readdir(casesRoot(dataDir)));
  const moved: string[] = [];
  for (const caseId of caseIds.filter((id) => present.has(id))) {
    try {
      await rename(caseDir(dataDir, caseId), trashDir(dataDir, caseId));
      moved.push(caseId);
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
    }
  }
  return moved;
}

export async function restoreCaseDirs(dataDir: string, caseIds: readonly string[]): Promise<void> {
  for (const caseId of caseIds) {
    await rename(trashDir(dataDir, caseId), caseDir(dataDir, caseId)).catch(() => undefined);
  }
}

export async function emptyTrash(dataDir: string, caseIds: readonly string[]): Promise<void> {
  for (const caseId of caseIds) {
    await rm(trashDir(dataDir, caseId), { recursive: true, force: true });
  }
}

/** Folders left in the trash by an interrupted deletion (their case rows are gone or not). */
export async function listTrash(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(join(casesRoot(dataDir), TRASH))).filter((name) => UUID.test(name));
  } catch (error) {
    if (isNotFound(error)) {
      return [];
    }
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
