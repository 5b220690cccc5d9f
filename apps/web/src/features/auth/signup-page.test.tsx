import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { jsonResponse, mockFetch, renderWithApp } from '../../test/render';
import { SignupPage } from './signup-page';

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Display name'), 'Tanaka Aiko');
  await user.type(screen.getByLabelText('Email'), 'aiko@kizuna.test');
  await user.type(screen.getByLabelText('Password', { exact: true }), 'a long enough passphrase');
  await user.type(screen.getByLabelText('Confirm password'), 'a long enough passphrase');
}

describe('SignupPage', () => {
  it('shows a client-side validation error from the shared schema and does not call the API', async () => {
    const fetchMock = mockFetch();
    const user = userEvent.setup();
    renderWithApp(<SignupPage />, { route: '/signup' });

    await user.type(screen.getByLabelText('Display name'), 'Tanaka Aiko');
    await user.type(screen.getByLabelText('Email'), 'aiko@kizuna.test');
    await user.type(screen.getByLabelText('Password', { exact: true }), 'too short');
    await user.type(screen.getByLabelText('Confirm password'), 'something else');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    const password = screen.getByLabelText('Password', { exact: true });
    expect(await screen.findByText('Must be at least 12 characters.')).toBeDefined();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toContain(screen.getByText('Must be at least 12 characters.').id);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says when the confirmation does not match', async () => {
    mockFetch();
    const user = userEvent.setup();
    renderWithApp(<SignupPage />, { route: '/signup' });

    await user.type(screen.getByLabelText('Display name'), 'Tanaka Aiko');
    await user.type(screen.getByLabelText('Email'), 'aiko@kizuna.test');
    await user.type(screen.getByLabelText('Password', { exact: true }), 'a long enough passphrase');
    await user.type(screen.getByLabelText('Confirm password'), 'a different passphrase');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByText('The passwords do not match.')).toBeDefined();
  });

  it('puts a field error returned by the server on its field, translated', async () => {
    const fetchMock = mockFetch(
      jsonResponse(400, {
        type: 'https://kizuna.dev/problems/validation_failed',
        title: 'Validation failed',
        status: 400,
        code: 'validation_failed',
        errors: [
          { path: 'body.displayName', code: 'too_big', message: 'Too big', params: { maximum: 120, origin: 'string' } },
        ],
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<SignupPage />, { route: '/signup' });

    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    const message = await screen.findByText('Must be at most 120 characters.');
    expect(screen.getByLabelText('Display name').getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByText('Please correct the highlighted fields.')).toBeDefined();

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/register');
    const body = JSON.parse(String(init?.body));
    expect(body).toMatchObject({ email: 'aiko@kizuna.test', displayName: 'Tanaka Aiko', locale: 'en' });
    expect(body).not.toHaveProperty('confirmPassword');
  });

  it('shows the server field error in Japanese when the page is in Japanese', async () => {
    await i18n.changeLanguage('ja');
    mockFetch(
      jsonResponse(400, {
        type: 'https://kizuna.dev/problems/validation_failed',
        title: 'Validation failed',
        status: 400,
        code: 'validation_failed',
        errors: [{ path: 'body.email', code: 'invalid_format', message: 'Invalid email', params: { format: 'email' } }],
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<SignupPage />, { route: '/signup' });

    await user.type(screen.getByLabelText('表示名'), 'Tanaka Aiko');
    await user.type(screen.getByLabelText('メールアドレス'), 'aiko@kizuna.test');
    await user.type(screen.getByLabelText('パスワード'), 'a long enough passphrase');
    await user.type(screen.getByLabelText('パスワード（確認）'), 'a long enough passphrase');
    await user.click(screen.getByRole('button', { name: '登録する' }));

    expect(await screen.findByText('有効なメールアドレスを入力してください。')).toBeDefined();
    expect(document.documentElement.lang).toBe('ja');
  });

  it('tells the user to check their email after signing up', async () => {
    mockFetch(jsonResponse(202, { status: 'accepted' }));
    const user = userEvent.setup();
    renderWithApp(<SignupPage />, { route: '/signup' });

    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeDefined();
    expect(screen.getByTestId('signup-check-email').textContent).toContain('aiko@kizuna.test');
  });
});
