import {it} from 'vitest';
import {FlinkScript, runFlink} from './sim-script.js';
it('x', async () => {
  const {sim, flink} = await runFlink(new FlinkScript(`
task slot0/sort start
a 1 40000 sort.buffer slot0/sort
a 2 100 sort.buffer slot0/sort
a 3 999999999 sort.buffer slot0/sort
task slot0/sort end
f 1
`));
  console.log(JSON.stringify(sim.summary(), null, 1), JSON.stringify(flink.memory.summary(), null, 1));
});
