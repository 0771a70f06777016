// The same rule the server applies: an https address on xing.com or a subdomain.
export function isXingPostUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    (host === 'xing.com' || host.endsWith('.xing.com'))
  );
}
