import {describe} from 'vitest';
import {precisionTests} from './leaks-precision.js';

describe('leak alerts on the object-graph workloads (precision and recall of 0.9 or better, nothing on healthy ones)', () => {
	precisionTests(entry => entry.create({seed: 1, events: 1}).hasGraph);
});
