import { Global, Module } from '@nestjs/common';
import { LiveUpdates } from './live-updates.service.js';

@Global()
@Module({ providers: [LiveUpdates], exports: [LiveUpdates] })
export class LiveModule {}
