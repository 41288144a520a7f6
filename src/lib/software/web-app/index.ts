/** A web app in one HTML file: taken from a reply, run sandboxed, and checked by a driver. */
export { APP_CSP, extractHtml, looksLikeHtml, wrapApp, type ExtractedApp } from './app-document';
export {
  checkApp,
  DEFAULT_CHECK_LIMITS,
  type CheckableApp,
  type CheckLimits,
  type CheckReport,
  type CheckStep,
  type Requirement,
  type RequirementResult,
} from './checker';
export {
  APP_SANDBOX,
  AppFrameHost,
  AppStoppedError,
  AppTimeoutError,
  DriverError,
  type AppFrameOptions,
} from './frame-host';
export { DEFAULT_WEB_APP_TASK, todoTask, WEB_APP_TASKS, type WebAppTask } from './tasks';
export type { DriverRequest, DriverValue } from './protocol';
