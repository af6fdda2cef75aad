export * from './messages.js';
export * from './parse.js';
export * from './streams.js';
export * from './reports.js';
export * from './policy.js';
export * from './enrolment.js';
export * from './visiting.js';
