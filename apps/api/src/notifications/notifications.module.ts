import { Global, Module } from '@nestjs/common';
import { NotificationService } from './notification.service.js';
import { NotificationsController } from './notifications.controller.js';
import { PreferencesService } from './preferences.service.js';

@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationService, PreferencesService],
  exports: [NotificationService],
})
export class NotificationsModule {}
