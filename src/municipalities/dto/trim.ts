import { Transform } from 'class-transformer';

/** Surrounding spaces are never meant: "  " is an empty name, " Bat Yam " is "Bat Yam". */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
