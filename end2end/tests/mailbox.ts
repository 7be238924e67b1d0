/**
 * The mailbox of the test server's SMTP relay (aiosmtpd, which scripts/test starts and
 * names in MAILDIR): the browser tests read their mail where a person would, from a real
 * server the product delivered it to.
 */
import { expect } from "@playwright/test";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { simpleParser } from "mailparser";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

function maildir(): string {
  const dir = process.env.MAILDIR;
  if (!dir) {
    throw new Error("MAILDIR is not set: run the browser tests through scripts/test (it starts the SMTP relay)");
  }
  return dir;
}

async function received(): Promise<Mail[]> {
  const fresh = join(maildir(), "new");
  let files: string[] = [];
  try {
    files = readdirSync(fresh);
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(readFileSync(join(fresh, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : parsed.to?.text ?? "";
      return { to, subject: parsed.subject ?? "", text: parsed.text ?? "" };
    }),
  );
}

/** Waits until `count` messages to `address` whose subject matches `subject` arrived; all of them. */
export async function mailsTo(address: string, subject: RegExp, count = 1): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        found = (await received()).filter((m) => m.to.includes(address) && subject.test(m.subject));
        return found.length;
      },
      { timeout: 30_000, message: `${count} mail(s) to ${address} about ${subject}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The links to `path` (with their secret) in the mails to `address` about `subject`, once `count` arrived. */
export async function linksIn(address: string, subject: RegExp, path: string, count = 1): Promise<string[]> {
  const mails = await mailsTo(address, subject, count);
  const links = mails.flatMap((m) => m.text.match(new RegExp(`https?://\\S+${path}\\?jeton=[0-9a-f]{64}`)) ?? []);
  expect(links.length, `links to ${path} in ${mails.map((m) => m.text).join("\n---\n")}`).toBeGreaterThanOrEqual(count);
  return links;
}
