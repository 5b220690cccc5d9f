import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from './markdown';

function html(source: string) {
  const { container } = render(<Markdown source={source} />);
  return container.firstElementChild as HTMLElement;
}

function attributeNames(root: Element): string[] {
  return [root, ...root.querySelectorAll('*')].flatMap((element) => element.getAttributeNames());
}

describe('Markdown', () => {
  it('renders headings, paragraphs, lists, emphasis and http(s) links as elements', () => {
    const root = html(
      [
        '# Scope',
        'Climate **adaptation** of *rice* and `aquaculture`.',
        'Same paragraph.',
        '',
        '- one',
        '- two with [the guide](https://kizuna.example/guide)',
        '',
        '1. first',
        '2. second',
        '',
        '### Deeper',
      ].join('\n'),
    );
    expect(root.querySelector('h2')?.textContent).toBe('Scope');
    expect(root.querySelector('h4')?.textContent).toBe('Deeper');
    expect(root.querySelector('p')?.textContent).toBe('Climate adaptation of rice and aquaculture. Same paragraph.');
    expect(root.querySelector('strong')?.textContent).toBe('adaptation');
    expect(root.querySelector('em')?.textContent).toBe('rice');
    expect(root.querySelector('code')?.textContent).toBe('aquaculture');
    expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two with the guide']);
    expect([...root.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://kizuna.example/guide');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it('never renders a script, an event handler attribute or a javascript: link', () => {
    const root = html(
      [
        '<script>alert(1)</script>',
        '',
        '<img src=x onerror="alert(2)">',
        '',
        '[click](javascript:alert(3)) [again](JaVaScRiPt:alert(4)) [tab](java\tscript:alert(5))',
        '',
        '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==) [relative](/admin)',
        '',
        '- <a href="javascript:alert(7)" onclick="alert(8)">x</a>',
        '',
        '**<svg onload=alert(9)>**',
      ].join('\n'),
    );
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('svg')).toBeNull();
    expect(attributeNames(root).filter((name) => name.toLowerCase().startsWith('on'))).toEqual([]);
    for (const anchor of root.querySelectorAll('a')) {
      expect(anchor.getAttribute('href')?.toLowerCase()).not.toContain('javascript:');
    }
    expect(root.querySelectorAll('a[href]')).toHaveLength(0);
    // The text stays readable as typed.
    expect(root.textContent).toContain('<script>alert(1)</script>');
    expect(root.textContent).toContain('click');
  });

  it('keeps snake_case words and escaped characters as they are', () => {
    const root = html('Use climate_change_2026 and \\*stars\\* and *a **b** c*.');
    expect(root.querySelector('p')?.textContent).toBe('Use climate_change_2026 and *stars* and a b c.');
    expect(root.querySelector('em strong')?.textContent).toBe('b');
  });

  it('accepts only absolute http and https targets', () => {
    expect(safeHref('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' javascript:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:someone@example.org')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
  });
});
