/**
 * Copies `text` to the clipboard. The async Clipboard API needs a secure context (https or localhost), so on a
 * plain-http address it falls back to selecting a hidden textarea and `execCommand('copy')`. Answers whether
 * either worked; when neither did, the caller asks the user to copy by hand.
 */
export async function copyText(text: string, env: { navigator?: Navigator; document?: Document } = globalThis): Promise<boolean> {
  try {
    if (env.navigator?.clipboard) {
      await env.navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, no focus): try the old way.
  }
  const doc = env.document;
  if (!doc) return false;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
