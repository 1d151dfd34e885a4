import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/guards.js';
import { UuidParam } from '../common/params.js';
import { ProgressService } from './progress.service.js';

/**
 * Submitted files, only through these access-checked routes, never from a path a person could
 * guess: as a download, or (images and PDFs only) inline for the review page to show, sandboxed
 * and framable only by this site's own pages.
 */
@Controller('progress')
export class SubmissionFilesController {
  constructor(private readonly progress: ProgressService) {}

  @Get(':id/file')
  async download(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res() res: Response) {
    const file = await this.progress.readableFile(actor, id);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.attachment(file.fileName);
    res.type(file.fileType);
    res.sendFile(file.path, { dotfiles: 'deny' });
  }

  @Get(':id/file/preview')
  async preview(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res() res: Response) {
    const file = await this.progress.previewableFile(actor, id);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'self'");
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('Cache-Control', 'private, no-store');
    res.attachment(file.fileName);
    res.setHeader('Content-Disposition', String(res.getHeader('Content-Disposition')).replace(/^attachment/, 'inline'));
    res.type(file.fileType);
    res.sendFile(file.path, { dotfiles: 'deny' });
  }
}
