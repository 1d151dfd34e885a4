import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/guards.js';
import { UuidParam } from '../common/params.js';
import { ProgressService } from './progress.service.js';

/**
 * Submitted files, only through this access-checked route and always as a download: never inline,
 * never from a path a person could guess.
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
}
