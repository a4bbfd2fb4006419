import type {Admission, AdmissionVerdict} from '../admission.js';

/**
 * Several admission checks asked in order (Flink's budgets, then the owners' partition): the first
 * that does not say `heap` decides, and the checks that had already admitted the id give it back.
 */
export class AdmissionChain implements Admission {
	private readonly checks: readonly Admission[];

	constructor(checks: ReadonlyArray<Admission | undefined>) {
		this.checks = checks.filter((check): check is Admission => check !== undefined);
	}

	admit(id: number, bytes: number, site: number, owner: number): AdmissionVerdict {
		const checks = this.checks;
		for (let i = 0; i < checks.length; i++) {
			const verdict = checks[i]!.admit(id, bytes, site, owner);
			if (verdict === 'heap') continue;
			for (let j = 0; j < i; j++) checks[j]!.release(id);
			return verdict;
		}
		return 'heap';
	}

	release(id: number): void {
		for (const check of this.checks) check.release(id);
	}

	taskEnded(owner: number): void {
		for (const check of this.checks) check.taskEnded?.(owner);
	}
}
