/** `npm run ink-kernels`: compiles inkKernels.wat and rewrites inkKernels.wasm.ts (see compile.ts). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileKernels, KERNELS_MODULE, kernelsModule } from './compile';
import { ROOT } from '../lib/nodeData';

const bytes = await compileKernels();
await writeFile(KERNELS_MODULE, kernelsModule(bytes));
console.log(`${path.relative(ROOT, KERNELS_MODULE)}: ${bytes.length} bytes of WebAssembly`);
