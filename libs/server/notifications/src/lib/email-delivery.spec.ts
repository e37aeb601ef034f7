import { failedBeforeMessage, notificationEmailJobId } from './email-delivery';

describe('failedBeforeMessage', () => {
  it('is true for refusals before the message: connection, greeting, sender, recipient', () => {
    expect(failedBeforeMessage({ code: 'ECONNECTION', command: 'CONN' })).toBe(true);
    expect(failedBeforeMessage({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 })).toBe(
      true,
    );
    expect(failedBeforeMessage({ code: 'EENVELOPE', command: 'MAIL FROM' })).toBe(true);
    expect(failedBeforeMessage({ code: 'EAUTH', command: 'AUTH PLAIN' })).toBe(true);
    expect(failedBeforeMessage({ code: 'ECONNREFUSED' })).toBe(true);
  });

  it('is false once the message may have reached the server, and for unknown errors', () => {
    expect(failedBeforeMessage({ code: 'EMESSAGE', command: 'DATA', responseCode: 451 })).toBe(
      false,
    );
    expect(failedBeforeMessage({ code: 'ETIMEDOUT' })).toBe(false);
    expect(failedBeforeMessage(new Error('socket hang up'))).toBe(false);
    expect(failedBeforeMessage(undefined)).toBe(false);
  });
});

describe('notificationEmailJobId', () => {
  it('is fixed per notification and free of the colon BullMQ forbids', () => {
    const id = notificationEmailJobId('4b1c');
    expect(id).toBe(notificationEmailJobId('4b1c'));
    expect(id).not.toContain(':');
  });
});
