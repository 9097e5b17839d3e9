/*
 * Ambient declarations for the Salesforce platform modules that LWC components import and that
 * @salesforce/lightning-types does not declare. This file is global (no import/export at top level):
 * keep it that way, TypeScript then treats every `declare module` below as an ambient module.
 *
 * `any` appears only where the platform itself is untyped (the value an Apex method returns, the
 * constructor signature a mixin must accept); components narrow it with their own interfaces.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- platform modules below are untyped by nature (see header) */

/** An `@salesforce/apex/Class.method` import: callable imperatively and usable as a wire adapter. */
interface ModjoApexMethod {
  (params?: Record<string, unknown>): Promise<any>;
  adapter: new (
    callback: (value: any) => void,
    sourceContext?: { tagName: string }
  ) => {
    update(config: Record<string, any>, context?: Record<string, any>): void;
    connect(): void;
    disconnect(): void;
  };
}

/** A wire adapter exported by a `lightning/ui*Api` module. */
interface ModjoWireAdapterConstructor {
  new (
    callback: (value: any) => void,
    sourceContext?: { tagName: string }
  ): {
    update(config: Record<string, any>, context?: Record<string, any>): void;
    connect(): void;
    disconnect(): void;
  };
}

/** The value of an `@salesforce/schema/Object.Field` (or `@salesforce/schema/Object`) import. */
interface ModjoSchemaReference {
  objectApiName: string;
  fieldApiName?: string;
}

declare module '@salesforce/apex/*' {
  const apexMethod: ModjoApexMethod;
  export default apexMethod;
}

/*
 * Typed Apex methods: one declaration per `@salesforce/apex/Class.method` the components import (an exact module
 * name wins over the `@salesforce/apex/*` pattern above), with the parameters and the DTO the Apex method takes and
 * returns (force-app/main/default/lwc/modjoFormat/types.ts mirrors the Apex DTOs; tests/contract keeps them equal).
 * A component importing a method not declared here gets the untyped fallback: add its declaration here.
 */
/** A typed Apex method: imperative call with its parameters, and a wire adapter. */
interface ModjoTypedApexMethod<Params, Result> {
  (params: Params): Promise<Result>;
  adapter: ModjoApexMethod['adapter'];
}

declare module '@salesforce/apex/CallCardsController.getCalls' {
  /** Cacheable: one page of the record's calls, newest first, filtered on the server (searchText ≥ 2 chars). */
  const getCalls: ModjoTypedApexMethod<
    {
      recordId: string;
      pageSize: number;
      cursor: string | null;
      searchText: string | null;
      topic: string | null;
    },
    import('../force-app/main/default/lwc/modjoFormat/types').CallPageDto
  >;
  export default getCalls;
}

declare module '@salesforce/apex/CallCardsController.getCallDetail' {
  /** Cacheable: everything the Call record page shows. */
  const getCallDetail: ModjoTypedApexMethod<
    { callId: string },
    import('../force-app/main/default/lwc/modjoFormat/types').CallDetailDto
  >;
  export default getCallDetail;
}

declare module '@salesforce/apex/CallCardsController.linkParticipant' {
  /** Not cacheable: links a participant to a Contact or Lead by hand (Modjo_Fix_Matches); returns the new card. */
  const linkParticipant: ModjoTypedApexMethod<
    { participantId: string; recordId: string },
    import('../force-app/main/default/lwc/modjoFormat/types').CallCardDto
  >;
  export default linkParticipant;
}

declare module '@salesforce/apex/CallCardsController.linkCallRecords' {
  /** Not cacheable: sets the call's Account and/or Opportunity by hand (null = unchanged); returns the new card. */
  const linkCallRecords: ModjoTypedApexMethod<
    { callId: string; accountId: string | null; opportunityId: string | null },
    import('../force-app/main/default/lwc/modjoFormat/types').CallCardDto
  >;
  export default linkCallRecords;
}

declare module '@salesforce/apex' {
  /** Refreshes the value provisioned by an Apex `@wire`. */
  export function refreshApex(wiredValue: unknown): Promise<void>;
  /** Reads a field of an sObject returned by Apex, following relationship paths. */
  export function getSObjectValue(sobject: Record<string, unknown>, field: string | ModjoSchemaReference): unknown;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/customPermission/*' {
  /** `true` when the running user has the custom permission, otherwise `undefined`. */
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/userPermission/*' {
  /** `true` when the running user has the permission, otherwise `undefined`. */
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/schema/*' {
  const reference: ModjoSchemaReference;
  export default reference;
}

declare module '@salesforce/i18n/firstDayOfWeek' {
  const firstDayOfWeek: number;
  export default firstDayOfWeek;
}

declare module '@salesforce/i18n/*' {
  /** locale, lang, timeZone, currency, dir, number/date formats: all strings. */
  const value: string;
  export default value;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventConfig {
    title?: string;
    message?: string;
    messageData?: (string | { url: string; label: string })[];
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventConfig> {
    constructor(config: ShowToastEventConfig);
  }
}

declare module 'lightning/navigation' {
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  const NavigateSymbol: unique symbol;
  const GenerateUrlSymbol: unique symbol;
  export interface NavigationMixinMethods {
    [NavigateSymbol](pageReference: PageReference, replace?: boolean): void;
    [GenerateUrlSymbol](pageReference: PageReference): Promise<string>;
  }
  export function NavigationMixin<TBase extends new (...args: any[]) => object>(
    base: TBase
  ): TBase & (new (...args: any[]) => NavigationMixinMethods);
  export namespace NavigationMixin {
    const Navigate: typeof NavigateSymbol;
    const GenerateUrl: typeof GenerateUrlSymbol;
  }
  export const CurrentPageReference: ModjoWireAdapterConstructor;
}

declare module 'lightning/uiRecordApi' {
  export interface RecordField {
    value: unknown;
    displayValue: string | null;
  }
  export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, RecordField>;
  }
  export const getRecord: ModjoWireAdapterConstructor;
  export function getFieldValue(
    record: RecordRepresentation | undefined,
    field: string | ModjoSchemaReference
  ): unknown;
  export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: string | ModjoSchemaReference
  ): string | null | undefined;
  export function notifyRecordUpdateAvailable(recordIds: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/uiObjectInfoApi' {
  export interface ObjectInfoFieldRepresentation {
    apiName: string;
    label: string;
    dataType: string;
  }
  export interface ObjectInfoRepresentation {
    apiName: string;
    label: string;
    labelPlural: string;
    fields: Record<string, ObjectInfoFieldRepresentation>;
  }
  export const getObjectInfo: ModjoWireAdapterConstructor;
}

declare module 'lightning/refresh' {
  /** Registers a handler called on a RefreshEvent (`lightning/refresh`); returns its id for unregistering. */
  export function registerRefreshHandler(element: object, handler: () => Promise<boolean> | boolean): unknown;
  export function unregisterRefreshHandler(id: unknown): void;
  export class RefreshEvent extends CustomEvent<unknown> {
    constructor();
  }
}

declare module 'lightning/pageReferenceUtils' {
  /** Encodes default field values for a standard__objectPage `new` action's `defaultFieldValues` state. */
  export function encodeDefaultFieldValues(values: Record<string, unknown>): string;
  export function decodeDefaultFieldValues(values: string): Record<string, string>;
}
