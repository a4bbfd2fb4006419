import {InputError} from '../commands/input-error.js';

/**
 * Flink's IllegalConfigurationException: the configuration cannot give a consistent memory model.
 * It is an InputError, so the CLI prints the message and exits 2. The message is Flink's own wording
 * (`reason`, so it can be searched for) followed by the options involved with their values, which Flink's
 * messages mostly leave out; `keys` lists those option keys for callers and tests.
 */
export class FlinkConfigError extends InputError {
	readonly reason: string;
	readonly keys: readonly string[];

	constructor(reason: string, keys: readonly string[], involved = '') {
		super(involved === '' ? reason : `${reason} ${involved}`);
		this.name = 'FlinkConfigError';
		this.reason = reason;
		this.keys = keys;
	}
}
