// Registers the sa11y `toBeAccessible()` matcher for every LWC Jest test.
import { setup } from '@sa11y/jest';

setup();
