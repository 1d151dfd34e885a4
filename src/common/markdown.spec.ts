import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders emphasis, lists and links', () => {
    const html = renderMarkdown('**bold** and *soft*\n\n- one\n- two\n\n[site](https://example.org)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener nofollow"');
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:/i);
    expect(html).toContain('x');
  });

  it('keeps Hebrew text as written', () => {
    expect(renderMarkdown('שלום **עולם**')).toContain('שלום <strong>עולם</strong>');
  });
});
