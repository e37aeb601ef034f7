import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Bilan été 2026 (v2).pdf')).toBe(
      `attachment; filename="Bilan ete 2026 (v2).pdf"; filename*=UTF-8''Bilan%20%C3%A9t%C3%A9%202026%20%28v2%29.pdf`,
    );
  });

  it('cannot be broken out of by quotes or line breaks', () => {
    const header = attachmentDisposition('a"b\\c\r\nX-Evil: 1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a_b_c__X-Evil: 1.pdf"');
  });
});
