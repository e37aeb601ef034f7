import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import { DocumentsPanel } from './documents-panel';

jest.setTimeout(20_000);

async function openPanel() {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [provideHttpClient(), provideHttpClientTesting()],
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(DocumentsPanel);
  fixture.componentRef.setInput('startupId', 'st-1');
  fixture.componentRef.setInput('canUpload', true);
  // In the document, so that the focus behaves as in the browser.
  document.body.appendChild(fixture.nativeElement);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
    }
  };
  await settle();
  http.expectOne('/api/v1/startups/st-1/documents').flush({ items: [] });
  await settle();
  const element = fixture.nativeElement as HTMLElement;

  const input = element.querySelector<HTMLInputElement>('#document-file');
  if (!input) throw new Error('no file input');
  // The file button is worded in the page's language, not the browser's.
  const chosen = () => element.querySelector('#document-file-chosen')?.textContent?.trim();
  expect(element.querySelector('.documents__choose')?.textContent?.trim()).toBe(
    'Choisir un fichier',
  );
  expect(chosen()).toBe('Aucun fichier choisi');
  const file = new File(['%PDF-1.4\n%%EOF\n'], 'bilan.pdf', { type: 'application/pdf' });
  Object.defineProperty(input, 'files', { value: [file] });
  input.dispatchEvent(new Event('change'));
  await settle();
  expect(chosen()).toBe('bilan.pdf');

  const send = Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
    (button) => button.textContent?.trim() === 'Déposer le fichier',
  );
  if (!send) throw new Error('no send button');
  // Pressed from the keyboard: the button has the focus when the form is sent.
  send.focus();
  send.click();
  await settle();
  expect(send.disabled).toBe(true);
  const request = http.expectOne('/api/v1/startups/st-1/documents');
  return { request, settle, element, send };
}

/**
 * Chromium drops the focus of a button that becomes disabled (to the page's body); jsdom keeps
 * it there and will not blur a disabled element, so the test does what the browser does.
 */
function loseFocusAsChromiumDoes(button: HTMLButtonElement): void {
  expect(button.disabled).toBe(true);
  button.disabled = false;
  button.blur();
  button.disabled = true;
  expect(document.activeElement).toBe(document.body);
}

describe('DocumentsPanel', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    document.body.innerHTML = '';
  });

  it('gives the focus back to the send button once the file is uploaded', async () => {
    const { request, settle, element, send } = await openPanel();
    loseFocusAsChromiumDoes(send);
    request.flush({
      id: 'd1',
      startupId: 'st-1',
      fileName: 'bilan.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 15,
      sha256: 'a'.repeat(64),
      uploadedById: 'u-founder',
      uploadedAt: '2026-11-26T10:00:00.000Z',
    });
    await settle();

    expect(element.querySelector('.documents__status')?.textContent?.trim()).toBe(
      '« bilan.pdf » est déposé.',
    );
    expect(send.disabled).toBe(false);
    expect(document.activeElement).toBe(send);
  });

  it('gives it back too when the upload is refused, with the reason in words', async () => {
    const { request, settle, element, send } = await openPanel();
    loseFocusAsChromiumDoes(send);
    request.flush(
      { type: 'about:blank', title: 'Unsupported Media Type', status: 415 },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await settle();

    const alert = element.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).not.toContain('415');
    expect(alert.trim()).not.toBe('');
    expect(document.activeElement).toBe(send);
  });
});
