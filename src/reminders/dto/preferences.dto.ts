import { IsObject } from 'class-validator';

/** `channels[<kind>]=<channel>` for each kind listed on the form; kinds and channels are checked by the service. */
export class PreferencesDto {
  @IsObject() channels: Record<string, unknown>;
}
