import { randomUUID } from 'node:crypto';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { safeFileName } from '../common/file-names.js';
import { isUuid } from '../common/params.js';

export const MAX_SUBMISSION_FILE_BYTES = 10 * 1024 * 1024;

/** What a submitted file may be: by extension, declared type and first bytes, all three agreeing. */
const KINDS: { extensions: string[]; types: string[]; magic: (head: Buffer) => boolean }[] = [
  { extensions: ['.pdf'], types: ['application/pdf'], magic: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { extensions: ['.png'], types: ['image/png'], magic: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { extensions: ['.jpg', '.jpeg'], types: ['image/jpeg'], magic: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { extensions: ['.gif'], types: ['image/gif'], magic: (h) => h.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    extensions: ['.webp'],
    types: ['image/webp'],
    magic: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    // Office Open XML and OpenDocument files are ZIP archives.
    extensions: ['.docx', '.xlsx', '.pptx', '.odt', '.ods', '.odp'],
    types: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.spreadsheet',
      'application/vnd.oasis.opendocument.presentation',
      'application/zip',
      'application/octet-stream',
    ],
    magic: (h) => h.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    // Legacy Word, Excel and PowerPoint files are OLE compound documents.
    extensions: ['.doc', '.xls', '.ppt'],
    types: ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint', 'application/octet-stream'],
    magic: (h) => h.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
  },
];

/** The content type a stored file is served with, from its (checked) extension. */
const SERVED_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

export interface UploadedSubmissionFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export type FileProblem = 'fileTooLarge' | 'fileType' | 'fileEmpty';

/** Why a file cannot be accepted, or null when it can. */
export function checkSubmissionFile(file: UploadedSubmissionFile): FileProblem | null {
  if (file.size === 0) return 'fileEmpty';
  if (file.size > MAX_SUBMISSION_FILE_BYTES) return 'fileTooLarge';
  const extension = extname(file.originalname).toLowerCase();
  const kind = KINDS.find((k) => k.extensions.includes(extension));
  if (!kind || !kind.types.includes(file.mimetype) || !kind.magic(file.buffer.subarray(0, 16))) return 'fileType';
  return null;
}

export function servedTypeOf(fileName: string): string {
  return SERVED_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Files live under DATA_DIR/uploads by a random key; the key is never a path the client chose
 * and files are only served through the access-checked download route.
 */
export class SubmissionFileStore {
  constructor(private readonly dataDir: string) {}

  private pathOf(key: string): string {
    if (!isUuid(key)) throw new Error('invalid file key');
    return join(this.dataDir, 'uploads', key);
  }

  async save(file: UploadedSubmissionFile): Promise<{ key: string; name: string; type: string; size: number }> {
    const key = randomUUID();
    await mkdir(join(this.dataDir, 'uploads'), { recursive: true, mode: 0o700 });
    await writeFile(this.pathOf(key), file.buffer, { flag: 'wx', mode: 0o600 });
    const name = safeFileName(file.originalname);
    return { key, name, type: servedTypeOf(name), size: file.size };
  }

  path(key: string): string {
    return this.pathOf(key);
  }

  async exists(key: string): Promise<boolean> {
    return access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string | null | undefined): Promise<void> {
    if (key) await rm(this.pathOf(key), { force: true });
  }
}
