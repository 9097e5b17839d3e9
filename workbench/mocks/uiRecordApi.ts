/**
 * Local stand-in for `lightning/uiRecordApi` (not part of lightning-base-components). `getRecord` answers from the
 * scenario's `records` fixture (keyed by record id, fields as `{ value, displayValue }` like the UI API);
 * `getFieldValue` / `getFieldDisplayValue` read those values.
 */
interface FieldRef {
  objectApiName?: string;
  fieldApiName: string;
}

interface UiRecord {
  id?: string;
  fields: Record<string, { value: unknown; displayValue?: string | null }>;
}

function fieldName(field: FieldRef | string): string {
  return typeof field === 'string' ? field.split('.').slice(1).join('.') || field : field.fieldApiName;
}

function scenarioRecords(): Record<string, UiRecord> {
  return (window as unknown as { workbenchRecords?: Record<string, UiRecord> }).workbenchRecords ?? {};
}

export class getRecord {
  constructor(private readonly dataCallback: (value: { data: unknown; error: unknown }) => void) {}

  update(config: { recordId?: string }): void {
    const found = config.recordId ? scenarioRecords()[config.recordId] : undefined;
    setTimeout(() => {
      this.dataCallback(
        found
          ? { data: found, error: undefined }
          : { data: undefined, error: { status: 404, body: { message: 'Record not found (workbench)' } } }
      );
    });
  }

  connect(): void {}

  disconnect(): void {}
}

export function getFieldValue(record: UiRecord | undefined, field: FieldRef | string): unknown {
  return record?.fields?.[fieldName(field)]?.value;
}

export function getFieldDisplayValue(record: UiRecord | undefined, field: FieldRef | string): unknown {
  const entry = record?.fields?.[fieldName(field)];
  return entry?.displayValue ?? entry?.value;
}

/**
 * `notifyRecordUpdateAvailable`: on the platform it tells Lightning Data Service that records changed on the server
 * so that every component showing them reloads. Here the record ids are kept on `window.workbenchRecordUpdates`
 * (the browser tests read them) and the promise resolves.
 */
export function notifyRecordUpdateAvailable(recordIds: { recordId: string }[]): Promise<void> {
  const target = window as unknown as { workbenchRecordUpdates?: string[] };
  target.workbenchRecordUpdates = [...(target.workbenchRecordUpdates ?? []), ...recordIds.map((r) => r.recordId)];
  return Promise.resolve();
}
