import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { newId } from './crypto.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP when configured; otherwise each message is written to DATA_DIR/outbox so it works out of the box. */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  if (config.smtp) {
    const smtp = config.smtp;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    });
    return {
      async send(mail) {
        await transport.sendMail({ from: smtp.from, ...mail });
      },
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  return {
    async send(mail) {
      mkdirSync(outbox, { recursive: true });
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId()}.eml`);
      writeFileSync(file, `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`, { mode: 0o600 });
      // The path only: the message holds a secret link and must not reach the log.
      log.info({ file }, 'mail written to outbox');
    },
  };
}
