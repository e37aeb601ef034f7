import {
  DOCUMENT_MEDIA_TYPES,
  MAX_DOCUMENT_BYTES,
  type DocumentMediaType,
} from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';

/**
 * A document of a dossier. The bytes live in the document storage under `storageKey`; the
 * media type was decided from them, and the SHA-256 lets anyone check a download.
 */
@Entity({ name: 'document' })
@Unique('uq_document_storage_key', ['storageKey'])
@Index('ix_document_startup_id_created_at', ['startupId', 'createdAt'])
@Check('ck_document_media_type', sqlIn('media_type', DOCUMENT_MEDIA_TYPES))
@Check('ck_document_size_bytes', `"size_bytes" >= 0 AND "size_bytes" <= ${MAX_DOCUMENT_BYTES}`)
@Check('ck_document_sha256_hex', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('ck_document_file_name_not_blank', `btrim("file_name") <> ''`)
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_document' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_document_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: DocumentMediaType;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'sha256', type: 'text' })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'uploaded_by_id', type: 'uuid', nullable: true })
  uploadedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'fk_document_uploaded_by_id' })
  uploadedBy?: Relation<AppUserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
