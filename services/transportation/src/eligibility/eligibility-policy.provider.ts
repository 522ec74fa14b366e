import { Provider } from '@nestjs/common';
import { ConfigError, SERVICE_CONFIG } from '@district/service-kit';
import { TransportationEnv } from '../config';
import { DEFAULT_ELIGIBILITY_POLICY, EligibilityPolicy, policyProblems } from './domain/eligibility-policy';

export const ELIGIBILITY_POLICY = Symbol('ELIGIBILITY_POLICY');

/** The configured policy, checked at boot: a bad policy stops the service with the reasons. */
export const eligibilityPolicyProvider: Provider = {
  provide: ELIGIBILITY_POLICY,
  inject: [SERVICE_CONFIG],
  useFactory: (env: TransportationEnv): EligibilityPolicy => {
    if (!env.ELIGIBILITY_POLICY) return DEFAULT_ELIGIBILITY_POLICY;
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.ELIGIBILITY_POLICY);
    } catch {
      throw new ConfigError('ELIGIBILITY_POLICY is not valid JSON');
    }
    const problems = policyProblems(parsed);
    if (problems.length) throw new ConfigError(`ELIGIBILITY_POLICY is invalid:\n  - ${problems.join('\n  - ')}`);
    return parsed as EligibilityPolicy;
  },
};
