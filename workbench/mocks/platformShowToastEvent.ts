/**
 * Local stand-in for `lightning/platformShowToastEvent` (not part of lightning-base-components): the event bubbles
 * like on the platform; the workbench page listens for it and records and shows the toast.
 */
export interface ToastDetail {
  title?: string;
  message?: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
}

export class ShowToastEvent extends CustomEvent<ToastDetail> {
  constructor(detail: ToastDetail) {
    super('lightning__showtoast', { detail, bubbles: true, composed: true });
  }
}
