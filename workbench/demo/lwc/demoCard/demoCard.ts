import { LightningElement, api, wire } from 'lwc';
import getItems from '@salesforce/apex/DemoController.getItems';
import title from '@salesforce/label/c.Workbench_Demo_Title';

interface DemoItem {
  id: string;
  name: string;
}

/** Throwaway component proving the workbench pipeline (TS, labels, Apex wire, LBC, SLDS). */
export default class DemoCard extends LightningElement {
  @api recordId?: string;
  expanded = false;
  items: DemoItem[] = [];
  error?: string;
  title = title;

  @wire(getItems, { recordId: '$recordId' })
  wired({ data, error }: { data?: DemoItem[]; error?: { body?: { message?: string } } }): void {
    this.items = data ?? [];
    this.error = error?.body?.message;
  }

  get count(): number {
    return this.items.length;
  }

  handleToggle(): void {
    this.expanded = !this.expanded;
  }
}
