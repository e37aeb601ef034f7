import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@parcours/server-config';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/**
 * SMTP through nodemailer, configured by `SMTP_URL` (smtp:// or smtps://). Without it e-mail is
 * off: callers check `enabled`, and notifications stay in-app only (the demo needs no mail server).
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const url = this.config.SMTP_URL;
    if (!url) throw new Error('e-mail is off: SMTP_URL is not set');
    this.transport ??= createTransport(url);
    const info: { messageId: string } = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
    });
    this.logger.debug(`sent ${info.messageId}`);
    return info;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
