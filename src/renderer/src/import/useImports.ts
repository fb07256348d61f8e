import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportResult } from '../../../shared/api/mail';
import { useServices } from '../app/services';
import { describeError } from '../app/describe-error';
import { uploadFile } from './upload';

export interface ImportJob {
  key: number;
  fileName: string;
  size: number;
  uploadId: string | null;
  sentBytes: number;
  progress: ImportProgress | null;
  status: 'queued' | 'uploading' | 'finishing' | 'done' | 'failed';
  result: ImportResult | null;
  error: { message: string; hint?: string } | null;
}

let nextKey = 1;

/** Uploads files one after another and follows the core's importProgress events. */
export function useImports() {
  const { api, client } = useServices();
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const queue = useRef<Array<{ key: number; file: File }>>([]);
  const running = useRef(false);

  const update = useCallback((key: number, patch: Partial<ImportJob> | ((job: ImportJob) => Partial<ImportJob>)) => {
    setJobs((list) => list.map((j) => (j.key === key ? { ...j, ...(typeof patch === 'function' ? patch(j) : patch) } : j)));
  }, []);

  useEffect(
    () =>
      client.on('mail.importProgress', (progress) => {
        setJobs((list) => {
          // Progress names the upload it belongs to; fall back to the file name for older cores.
          const target = list.find((j) => j.uploadId === progress.importId) ?? list.find((j) => j.status !== 'done' && j.status !== 'failed' && j.fileName === progress.fileName);
          return target ? list.map((j) => (j === target ? { ...j, progress } : j)) : list;
        });
      }),
    [client],
  );

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let next = queue.current.shift(); next; next = queue.current.shift()) {
        const { key, file } = next;
        update(key, { status: 'uploading' });
        try {
          const result = await uploadFile(api.mail, file, {
            onUploadId: (uploadId) => update(key, { uploadId }),
            onSent: (sentBytes) => update(key, { sentBytes, status: sentBytes >= file.size ? 'finishing' : 'uploading' }),
          });
          update(key, { status: 'done', result, sentBytes: file.size });
        } catch (err) {
          update(key, { status: 'failed', error: describeError(err, `import ${file.name}`) });
        }
      }
    } finally {
      running.current = false;
    }
  }, [api, update]);

  const importFiles = useCallback((files: File[]) => {
    if (files.length === 0) return;
    const added = files.map((file) => ({ key: nextKey++, file }));
    setJobs((list) => [
      ...list,
      ...added.map(({ key, file }): ImportJob => ({ key, fileName: file.name, size: file.size, uploadId: null, sentBytes: 0, progress: null, status: 'queued', result: null, error: null })),
    ]);
    queue.current.push(...added);
    void pump();
  }, [pump]);

  const clearFinished = useCallback(() => setJobs((list) => list.filter((j) => j.status !== 'done' && j.status !== 'failed')), []);

  return { jobs, importFiles, clearFinished };
}

/** 0–100: the larger of bytes uploaded and bytes the core has parsed (they advance together). */
export function jobPercent(job: ImportJob): number {
  if (job.status === 'done') return 100;
  const uploaded = job.size > 0 ? job.sentBytes / job.size : 0;
  const parsed = job.progress && job.progress.totalBytes > 0 ? job.progress.bytesRead / job.progress.totalBytes : 0;
  // Uploading is most of the work the user waits for; parsing finishes it.
  return Math.min(99, Math.round(Math.max(uploaded * 0.9, parsed) * 100));
}
