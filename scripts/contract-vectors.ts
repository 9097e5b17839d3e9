/**
 * `npm run contract:vectors`: writes the static resource ContractVectors (force-app/main/default/staticresources)
 * from the conformance vectors of contract/examples (contract/conformance.ts). `check:metadata` fails when the
 * resource in the package differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { BUNDLE_RESOURCE, bundle, loadVectors } from '../contract/conformance';

writeFileSync(BUNDLE_RESOURCE, bundle());
console.log(`contract:vectors: ${loadVectors().length} vectors -> ${BUNDLE_RESOURCE}`);
