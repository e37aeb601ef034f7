import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_DOCUMENT_BYTES, type DocumentView } from '@parcours/contracts';
import { DocumentsService } from '@parcours/server-documents';
import { UuidParam, unsupportedMediaTypeProblem, validationProblem } from '@parcours/server-http';
import { CurrentActor, type Actor } from '@parcours/server-identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { attachmentDisposition } from './content-disposition';

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /**
   * One file per request, in the multipart field `file`. The type is decided from the bytes:
   * 415 for anything but PDF, PNG, JPEG, DOCX, XLSX, PPTX and CSV; 413 above 20 MB.
   */
  @Post('startups/:id/documents')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentView> {
    // Scope and role first: nothing is read from someone who may not upload here.
    await this.documents.assertMayHandle(actor, id);
    if (!request.isMultipart()) {
      throw unsupportedMediaTypeProblem(
        'Send the document as multipart/form-data, in a field named file',
      );
    }
    const part = await request.file({ limits: { fileSize: MAX_DOCUMENT_BYTES } });
    if (!part) throw validationProblem([{ path: 'file', message: 'required' }]);
    const document = await this.documents.upload(actor, id, {
      fileName: part.filename,
      content: part.file,
      truncated: () => part.file.truncated,
    });
    reply.status(201).header('Location', `/api/v1/documents/${document.id}/content`);
    return document;
  }

  @Get('startups/:id/documents')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.documents.list(actor, id);
  }

  /**
   * The bytes, as an attachment with the type sniffed at upload and `nosniff`, so that a
   * browser never renders an uploaded file inside the application's origin.
   */
  @Get('documents/:id/content')
  @ApiProduces('application/octet-stream')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { document, content } = await this.documents.open(actor, id);
    const contentType =
      document.mediaType === 'text/csv' ? 'text/csv; charset=utf-8' : document.mediaType;
    await reply
      .header('Content-Type', contentType)
      .header('Content-Length', String(document.sizeBytes))
      .header('Content-Disposition', attachmentDisposition(document.fileName))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .header('ETag', `"${document.sha256}"`)
      .header('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
      .send(content);
  }
}
