/*
 * The Modjo Setup page (Lightning app page Modjo_Setup, tab Modjo Setup, for holders of Modjo Admin): the document of
 * ModjoSetupController.getHealth (Apex ModjoHealth, the same checks as the REST health resource) shown section by
 * section, each problem with what to do. "Schedule the sweep as me" calls ModjoSetupController.scheduleSweep, which
 * refuses a user who lacks an access the sweep's retries need (a scheduled job runs as the user who scheduled it);
 * "Schedule the re-match as me" (scheduleRematch) likewise, and replaces a scheduled one (a changed interval); the
 * re-match section also lists the calls whose last re-match failed (c-modjo-rematch-failures, a bundle of its own so
 * that this one stays within the LWC bundle budget).
 * Calls are imperative: the page shows the org's state now; "Check again" reruns every check.
 */
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getHealth from '@salesforce/apex/ModjoSetupController.getHealth';
import scheduleSweep from '@salesforce/apex/ModjoSetupController.scheduleSweep';
import scheduleRematch from '@salesforce/apex/ModjoSetupController.scheduleRematch';
import { errorMessage, formatLabel, type FeatureGroup, type MissingAccess } from 'c/modjoFormat';
import { type RematchFailures } from 'c/modjoRematchFailures';
import TITLE from '@salesforce/label/c.Setup_Title';
import REFRESH from '@salesforce/label/c.Setup_Refresh';
import LOADING from '@salesforce/label/c.Setup_Loading';
import ERROR_TITLE from '@salesforce/label/c.Setup_Error_Title';
import STATUS_OK from '@salesforce/label/c.Setup_Status_Ok';
import STATUS_PROBLEMS from '@salesforce/label/c.Setup_Status_Problems';
import USERS_TITLE from '@salesforce/label/c.Setup_Users_Title';
import USERS_NONE from '@salesforce/label/c.Setup_Users_None';
import USER_ALL_ACCESS from '@salesforce/label/c.Setup_User_All_Access';
import USER_MISSING from '@salesforce/label/c.Setup_User_Missing';
import LAST_CALL_TITLE from '@salesforce/label/c.Setup_Last_Call_Title';
import LAST_CALL_NONE from '@salesforce/label/c.Setup_Last_Call_None';
import INBOX_TITLE from '@salesforce/label/c.Setup_Inbox_Title';
import INBOX_COUNTS from '@salesforce/label/c.Setup_Inbox_Counts';
import INBOX_FAILURES from '@salesforce/label/c.Setup_Inbox_Failures';
import SWEEP_TITLE from '@salesforce/label/c.Setup_Sweep_Title';
import SWEEP_SCHEDULED from '@salesforce/label/c.Setup_Sweep_Scheduled';
import SWEEP_RUNS_AS from '@salesforce/label/c.Setup_Sweep_Runs_As';
import SWEEP_NOT_SCHEDULED from '@salesforce/label/c.Setup_Sweep_Not_Scheduled';
import SWEEP_SCHEDULE from '@salesforce/label/c.Setup_Sweep_Schedule';
import SWEEP_DONE from '@salesforce/label/c.Setup_Sweep_Done';
import REMATCH_TITLE from '@salesforce/label/c.Setup_Rematch_Title';
import REMATCH_SETTINGS from '@salesforce/label/c.Setup_Rematch_Settings';
import REMATCH_NOT_SCHEDULED from '@salesforce/label/c.Setup_Rematch_Not_Scheduled';
import REMATCH_SCHEDULE from '@salesforce/label/c.Setup_Rematch_Schedule';
import REMATCH_DONE from '@salesforce/label/c.Setup_Rematch_Done';
import VERSION_TITLE from '@salesforce/label/c.Setup_Version_Title';
import VERSION_INSTALLED from '@salesforce/label/c.Setup_Version_Installed';
import VERSION_NOT_INSTALLED from '@salesforce/label/c.Setup_Version_Not_Installed';
import SETTINGS_TITLE from '@salesforce/label/c.Setup_Settings_Title';
import SETTINGS_OK from '@salesforce/label/c.Setup_Settings_Ok';
import SEVERITY_ERROR from '@salesforce/label/c.Setup_Severity_Error';
import SEVERITY_WARNING from '@salesforce/label/c.Setup_Severity_Warning';

export type { FeatureGroup, MissingAccess };

export interface HealthUser {
  id: string;
  name: string;
  username: string;
  missing?: MissingAccess[] | null;
}

export interface SettingsProblem {
  setting: string;
  field: string | null;
  value: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export interface InboxFailure {
  id: string;
  name: string;
  modjoCallId: string | null;
  errorCode: string | null;
  error: string | null;
  at: string;
}

export interface SweepState {
  scheduled: boolean;
  name: string;
  nextRunAt?: string;
  lastRunAt?: string | null;
  runsAs?: { id: string; name: string; username: string };
  missing?: MissingAccess[] | null;
}

/** The re-match job (Apex CallRematchJob), the settings it runs with and the calls it could not re-match. */
export interface RematchState extends SweepState {
  everyHours: number;
  lookbackDays: number;
  callsPerRun: number;
  failures?: RematchFailures;
}

/** The document of ModjoSetupController.getHealth (Apex ModjoHealth). */
export interface HealthDocument {
  status: 'ok' | 'attention';
  problemCount: number;
  packageVersion: { source: string; installed: string | null; requested: string | null };
  users: HealthUser[];
  accessCheckError?: string;
  lastCall: { id: string; title: string | null; at: string } | null;
  inbox: {
    counts?: Record<'pending' | 'retrying' | 'failed' | 'succeeded' | 'discarded', number>;
    recentFailures?: InboxFailure[];
    error?: string;
  };
  sweep: SweepState;
  /** Setup page only (absent from the REST health resource's document). */
  rematch?: RematchState;
  settingsProblems: SettingsProblem[];
}

/** "Runs as <name> (<username>)" of a scheduled job, or nothing. */
function runsAsText(job: SweepState | null): string {
  const runsAs = job?.runsAs;
  return runsAs ? formatLabel(SWEEP_RUNS_AS, `${runsAs.name} (${runsAs.username})`) : '';
}

interface UserView {
  id: string;
  heading: string;
  allGood: boolean;
  missingText: string;
  hasMissing: boolean;
  missing: MissingAccess[];
}

export default class ModjoSetup extends LightningElement {
  labels = {
    title: TITLE,
    refresh: REFRESH,
    loading: LOADING,
    errorTitle: ERROR_TITLE,
    usersTitle: USERS_TITLE,
    usersNone: USERS_NONE,
    userAllAccess: USER_ALL_ACCESS,
    lastCallTitle: LAST_CALL_TITLE,
    lastCallNone: LAST_CALL_NONE,
    inboxTitle: INBOX_TITLE,
    inboxFailures: INBOX_FAILURES,
    sweepTitle: SWEEP_TITLE,
    sweepScheduled: SWEEP_SCHEDULED,
    sweepNotScheduled: SWEEP_NOT_SCHEDULED,
    sweepSchedule: SWEEP_SCHEDULE,
    rematchTitle: REMATCH_TITLE,
    rematchNotScheduled: REMATCH_NOT_SCHEDULED,
    rematchSchedule: REMATCH_SCHEDULE,
    versionTitle: VERSION_TITLE,
    settingsTitle: SETTINGS_TITLE,
    settingsOk: SETTINGS_OK
  };

  health: HealthDocument | null = null;
  errorText = '';
  isLoading = true;
  isScheduling = false;

  connectedCallback(): void {
    this.load().catch(() => undefined);
  }

  async load(): Promise<void> {
    this.isLoading = true;
    this.errorText = '';
    try {
      this.health = (await getHealth()) as HealthDocument;
    } catch (error) {
      this.health = null;
      this.errorText = errorMessage(error, ERROR_TITLE);
    } finally {
      this.isLoading = false;
    }
  }

  handleRefresh(): void {
    this.load().catch(() => undefined);
  }

  async handleSchedule(): Promise<void> {
    await this.schedule(scheduleSweep, SWEEP_DONE);
  }

  async handleScheduleRematch(): Promise<void> {
    await this.schedule(scheduleRematch, REMATCH_DONE);
  }

  private async schedule(action: () => Promise<unknown>, done: string): Promise<void> {
    this.isScheduling = true;
    try {
      await action();
      this.dispatchEvent(new ShowToastEvent({ title: done, message: '', variant: 'success' }));
      await this.load();
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: ERROR_TITLE, message: errorMessage(error, ERROR_TITLE), variant: 'error' })
      );
    } finally {
      this.isScheduling = false;
    }
  }

  get hasHealth(): boolean {
    return !this.isLoading && this.health !== null;
  }

  get hasError(): boolean {
    return !this.isLoading && this.errorText !== '';
  }

  get isOk(): boolean {
    return this.health?.status === 'ok';
  }

  get statusText(): string {
    return this.isOk ? STATUS_OK : formatLabel(STATUS_PROBLEMS, this.health?.problemCount ?? 0);
  }

  get statusClass(): string {
    const theme = this.isOk ? 'slds-theme_success' : 'slds-theme_warning';
    return `slds-box slds-box_x-small slds-m-bottom_medium ${theme}`;
  }

  get statusIcon(): string {
    return this.isOk ? 'utility:success' : 'utility:warning';
  }

  get users(): UserView[] {
    return (this.health?.users ?? []).map((user) => {
      const missing = user.missing ?? [];
      return {
        id: user.id,
        heading: `${user.name} (${user.username})`,
        allGood: user.missing !== null && user.missing !== undefined && missing.length === 0,
        missingText: formatLabel(USER_MISSING, missing.length),
        hasMissing: missing.length > 0,
        missing
      };
    });
  }

  /** No integration user to show, and not because the admin may not read permission sets. */
  get showNoUsers(): boolean {
    return this.users.length === 0 && !this.accessCheckError;
  }

  get accessCheckError(): string {
    return this.health?.accessCheckError ?? '';
  }

  get lastCall(): HealthDocument['lastCall'] {
    return this.health?.lastCall ?? null;
  }

  get inboxCountsText(): string {
    const counts = this.health?.inbox.counts;
    return counts ? formatLabel(INBOX_COUNTS, counts.pending, counts.retrying, counts.failed, counts.succeeded) : '';
  }

  get inboxError(): string {
    return this.health?.inbox.error ?? '';
  }

  get failures(): InboxFailure[] {
    return this.health?.inbox.recentFailures ?? [];
  }

  get hasFailures(): boolean {
    return this.failures.length > 0;
  }

  get sweep(): SweepState | null {
    return this.health?.sweep ?? null;
  }

  get sweepScheduled(): boolean {
    return this.sweep?.scheduled === true;
  }

  get sweepRunsAsText(): string {
    return runsAsText(this.sweep);
  }

  get rematch(): RematchState | null {
    return this.health?.rematch ?? null;
  }

  get rematchSettingsText(): string {
    const rematch = this.rematch;
    return rematch ? formatLabel(REMATCH_SETTINGS, rematch.everyHours, rematch.lookbackDays, rematch.callsPerRun) : '';
  }

  get rematchRunsAsText(): string {
    return runsAsText(this.rematch);
  }

  get rematchMissingText(): string {
    const count = this.rematch?.missing?.length ?? 0;
    return count ? formatLabel(USER_MISSING, count) : '';
  }

  get versionText(): string {
    return this.health?.packageVersion.source ?? '';
  }

  get installedText(): string {
    const installed = this.health?.packageVersion.installed;
    return installed ? formatLabel(VERSION_INSTALLED, installed) : VERSION_NOT_INSTALLED;
  }

  get settingsProblems(): (SettingsProblem & { key: string; badge: string; badgeClass: string })[] {
    return (this.health?.settingsProblems ?? []).map((problem, index) => ({
      ...problem,
      key: `${problem.field ?? 'record'}-${index}`,
      badge: problem.severity === 'error' ? SEVERITY_ERROR : SEVERITY_WARNING,
      badgeClass: problem.severity === 'error' ? 'slds-badge slds-theme_error' : 'slds-badge slds-theme_warning'
    }));
  }

  get hasSettingsProblems(): boolean {
    return this.settingsProblems.length > 0;
  }
}
