import 'reflect-metadata';
import { bootstrapService } from '@district/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule);
