import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { DraftAttachment } from '../../../shared/api/compose';
import { useServices } from '../app/services';
import type { DraftSession } from './draft-session';
import type { EditorHandle } from './EditorPlugins';
import { base64ToBytes, bytesToBase64 } from './html-helpers';

/** Local URLs for the draft's inline images, by Content-ID: fresh uploads at once, stored ones fetched. */
export function useCidUrls(attachments: DraftAttachment[]) {
  const { api } = useServices();
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  const requested = useRef(new Set<string>());
  const made = useRef<string[]>([]);

  const register = useCallback((cid: string, blob: Blob) => {
    const url = URL.createObjectURL(blob);
    made.current.push(url);
    requested.current.add(cid);
    setUrls((m) => new Map(m).set(cid, url));
  }, []);

  useEffect(() => {
    for (const a of attachments) {
      const cid = a.contentId;
      if (!cid || requested.current.has(cid)) continue;
      requested.current.add(cid);
      api.compose.getDraftAttachment({ attachmentId: a.id }).then(
        (file) => register(cid, new Blob([base64ToBytes(file.dataBase64)], { type: file.contentType })),
        (err: unknown) => console.warn('[composer] inline image could not be loaded', err),
      );
    }
  }, [api, attachments, register]);

  useEffect(() => () => made.current.forEach((u) => URL.revokeObjectURL(u)), []);
  const resolve = useCallback((cid: string) => urls.get(cid), [urls]);
  return { resolve, register };
}

/** 48 MB of base64 is the API's ceiling per file. */
export const MAX_FILE_BYTES = Math.floor((48 * 1024 * 1024 * 3) / 4);

/** Adds picked, pasted or dropped files to the draft; images placed inline go into the body as cid: images. */
export function useUploads(session: DraftSession, editor: RefObject<EditorHandle | null>, registerImage: (cid: string, blob: Blob) => void) {
  const { notify, reportError } = useServices();
  const [uploading, setUploading] = useState<string[]>([]);

  const addFiles = useCallback(async (files: File[], placement: 'inline' | 'attachment') => {
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        notify({ level: 'error', message: `${file.name} is too large to attach (${Math.round(file.size / 1048576)} MB).`, hint: 'Files up to 36 MB can be attached; share larger ones by link.' });
        continue;
      }
      setUploading((u) => [...u, file.name]);
      try {
        const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        const inline = placement === 'inline';
        const att = await session.addAttachment({ filename: file.name || 'image', contentType: file.type || 'application/octet-stream', dataBase64 }, inline);
        if (inline && att.contentId) {
          registerImage(att.contentId, file);
          editor.current?.insertImage(att.contentId, file.name);
        }
      } catch (err) {
        reportError(err, `attach ${file.name}`);
      } finally {
        setUploading((u) => {
          const i = u.indexOf(file.name);
          return i < 0 ? u : [...u.slice(0, i), ...u.slice(i + 1)];
        });
      }
    }
  }, [session, editor, registerImage, notify, reportError]);

  return { uploading, addFiles };
}
