import type { ParsedMail } from 'mailparser';

/**
 * mailparser's `simpleParser`, loaded on first use: importing mailparser costs ~20 MB of memory,
 * and only the message views of the emulator and the dashboard parse messages.
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw);
}
