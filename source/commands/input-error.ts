// The error class lives with the engine (which has no I/O) so every layer can raise it; re-exported here
// for the command and workload code that reads it as "the CLI's input error".
export {InputError, fileLineError} from '../engine/input-error.js';
