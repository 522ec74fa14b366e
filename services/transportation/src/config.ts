import { IsOptional, IsString } from 'class-validator';
import { BaseEnv } from '@district/service-kit';

export class TransportationEnv extends BaseEnv {
  /**
   * The eligibility policy as JSON (grade bands with distance limits, IEP and McKinney-Vento rules);
   * when unset, DOMAIN.md's Boston defaults apply. Checked at boot.
   */
  @IsOptional() @IsString()
  ELIGIBILITY_POLICY?: string;
}
