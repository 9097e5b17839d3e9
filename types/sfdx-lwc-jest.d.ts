/*
 * Types for the test helpers that @salesforce/sfdx-lwc-jest re-exports (it ships no declarations).
 * Global file: the re-export below stays inside the ambient module declaration.
 */
declare module '@salesforce/sfdx-lwc-jest' {
  export {
    createApexTestWireAdapter,
    createLdsTestWireAdapter,
    createTestWireAdapter,
    registerApexTestWireAdapter,
    registerLdsTestWireAdapter,
    registerTestWireAdapter
  } from '@salesforce/wire-service-jest-util';
}
