// The mail platform's one door: the outbox service and the transports.
export {
  createMailService,
  retryDelayMs,
  SENT_RETENTION_MS,
  type MailService,
  type OutgoingMail,
} from './outbox.js';
export {
  createFileTransport,
  createSmtpTransport,
  defaultMailTransport,
  type MailTransport,
  type TransportMessage,
} from './transport.js';
