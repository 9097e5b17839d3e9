/**
 * Local stand-in for `lightning-record-picker` (not part of lightning-base-components; on the platform it searches
 * records through the GraphQL wire adapter). Here it offers the scenario server's sample records of
 * `objectApiName` (fixtures/cards/picker-records.json) in a native select and fires `change` with
 * `{ recordId }`, as the real component does. `filter` criteria of the form `{ fieldPath: 'AccountId',
 * operator: 'eq', value }` are applied.
 */
import { LightningElement, api } from 'lwc';

interface Criterion {
  fieldPath: string;
  operator: string;
  value: unknown;
}

interface SampleRecord {
  id: string;
  name: string;
  accountId?: string;
}

interface ServerLike {
  pickerRecords(objectApiName: string): SampleRecord[];
}

const FIELD_OF: Record<string, keyof SampleRecord> = { AccountId: 'accountId', Id: 'id', Name: 'name' };

export default class RecordPicker extends LightningElement {
  @api label = '';
  @api objectApiName = '';
  @api placeholder = '';
  @api value?: string;
  @api filter?: { criteria?: Criterion[] };

  get options(): Array<{ id: string; name: string; selected: boolean }> {
    const server = (window as unknown as { workbenchServer?: ServerLike }).workbenchServer;
    const criteria = this.filter?.criteria ?? [];
    return (server?.pickerRecords(this.objectApiName) ?? [])
      .filter((record) =>
        criteria.every((c) => c.operator !== 'eq' || record[FIELD_OF[c.fieldPath] ?? 'id'] === c.value)
      )
      .map((record) => ({ id: record.id, name: record.name, selected: record.id === this.value }));
  }

  get noneSelected(): boolean {
    return !this.value;
  }

  handleChange(event: Event): void {
    const recordId = (event.target as HTMLSelectElement).value || null;
    this.value = recordId ?? undefined;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId } }));
  }
}
