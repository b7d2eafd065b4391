export * from './tenants.js';
export * from './channels.js';
export * from './contacts.js';
export * from './templates.js';
export * from './campaigns.js';
export * from './inbox.js';
export * from './whatsapp.js';
