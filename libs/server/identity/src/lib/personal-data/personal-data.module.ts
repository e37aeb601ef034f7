import { Module } from '@nestjs/common';
import { PersonalDataService } from './personal-data.service';

/** `GET /me/export` and account erasure. Needs the application's DataSource and AuditModule. */
@Module({
  providers: [PersonalDataService],
  exports: [PersonalDataService],
})
export class PersonalDataModule {}
