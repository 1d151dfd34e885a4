import { SMTPServer } from 'smtp-server';

/** A message as a mail client shows it: headers (lower-case names, decoded), the plain and HTML parts, attachments. */
export interface ReceivedMail {
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { contentType: string; filename?: string; content: string }[];
  raw: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function splitHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function walk(part: string, into: ReceivedMail): void {
  const n = part.replace(/\r\n/g, '\n');
  const split = n.indexOf('\n\n');
  const headers = splitHeaders(split === -1 ? n : n.slice(0, split));
  const body = split === -1 ? '' : n.slice(split + 2);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const child of body.split(`--${boundary}`).slice(1)) if (!child.startsWith('--')) walk(child.replace(/^\n/, ''), into);
    return;
  }
  const content = decodeBody(body, headers['content-transfer-encoding']);
  const disposition = headers['content-disposition'] ?? '';
  if (/attachment/i.test(disposition) || /text\/calendar/i.test(type)) {
    into.attachments.push({ contentType: type.split(';')[0], filename: /filename="?([^";]+)"?/i.exec(disposition)?.[1], content });
  } else if (/text\/html/i.test(type)) into.html += content;
  else if (/text\/plain/i.test(type)) into.text += content;
}

export function parseMail(raw: string, to: string[] = []): ReceivedMail {
  const mail: ReceivedMail = { to, headers: {}, subject: '', text: '', html: '', attachments: [], raw };
  const n = raw.replace(/\r\n/g, '\n');
  mail.headers = splitHeaders(n.slice(0, n.indexOf('\n\n')));
  mail.subject = mail.headers.subject ?? '';
  walk(raw, mail);
  return mail;
}

/**
 * A real SMTP server on loopback that keeps what it receives. `failNext(n)` makes the next n
 * messages fail with a temporary 451 (the sender must retry).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private readonly failures = new Map<string, number>();
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const address = to.find((a) => (this.failures.get(a) ?? 0) > 0);
          if (address) {
            this.failures.set(address, this.failures.get(address)! - 1);
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          this.received.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  failNext(address: string, n: number): void {
    this.failures.set(address, n);
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
