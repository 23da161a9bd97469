/** Bundle entry of the language server (`dist/server.cjs`): `node dist/server.cjs --stdio` or `--node-ipc`. */
import { startServer } from './server.js';

startServer();
