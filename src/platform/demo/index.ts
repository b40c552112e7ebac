export { seedDemo, type DemoSummary } from './seed.js';
