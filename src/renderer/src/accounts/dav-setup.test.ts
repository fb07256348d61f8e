import { describe, expect, it } from 'vitest';
import { davFormProblem, fieldForDavError, normalizeDavUrl } from './dav-setup';

describe('DAV account form', () => {
  it('adds https:// to a bare host and keeps explicit schemes', () => {
    expect(normalizeDavUrl(' dav.example.org ')).toBe('https://dav.example.org');
    expect(normalizeDavUrl('http://127.0.0.1:5232/')).toBe('http://127.0.0.1:5232/');
    expect(normalizeDavUrl('')).toBe('');
  });
  it('points at the field to fix, before any network call', () => {
    const ok = { url: 'https://dav.example.org/', user: 'alice', password: 'pw' };
    expect(davFormProblem(ok)).toBeNull();
    expect(davFormProblem({ ...ok, url: '' })?.field).toBe('url');
    expect(davFormProblem({ ...ok, url: 'https://exa mple.org' })?.message).toMatch(/not a web address/);
    expect(davFormProblem({ ...ok, url: 'ftp://dav.example.org' })?.field).toBe('url');
    expect(davFormProblem({ ...ok, user: ' ' })?.field).toBe('user');
    expect(davFormProblem({ ...ok, password: '' })?.field).toBe('password');
  });
  it('puts server failures next to the address and login failures next to the password', () => {
    expect(fieldForDavError('LOGIN_FAILED')).toBe('password');
    expect(fieldForDavError('SERVER_NOT_FOUND')).toBe('url');
    expect(fieldForDavError('TLS_FAILED')).toBe('url');
    expect(fieldForDavError('INTERNAL')).toBe('general');
  });
});
