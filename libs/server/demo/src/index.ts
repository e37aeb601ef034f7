export { seedDemoData, describeDataset, type SeedDemoDataOptions } from './lib/seed-demo-data';
export {
  DEFAULT_DEMO_SEED,
  DEMO_STARTUP_COUNT,
  SHOWCASE_STARTUP_ID,
  SHOWCASE_STARTUP_NAME,
  buildDemoDataset,
  type DemoDataset,
} from './lib/demo-dataset';
export { DEMO_ACCOUNTS, DEMO_ACCOUNT_KEYS, type DemoAccountKey } from './lib/demo-accounts';
export { demoId, uuidV5 } from './lib/demo-id';
