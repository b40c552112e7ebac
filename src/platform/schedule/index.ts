export { parseInterval } from './duration.js';
export {
  startScheduler,
  type ScheduledTask,
  type Scheduler,
  type SchedulerOptions,
} from './scheduler.js';
