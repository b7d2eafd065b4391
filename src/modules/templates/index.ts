/** The templates module's public surface: the template service, and parsing and rendering `{{variables}}`. */
export { assertValidMessage, createTemplateService, SAMPLE_CONTACT } from "./service.js";
export { parseTemplate, renderTemplate, type RenderContext, type RenderResult } from "./render.js";
export { templateErrors } from "./errors.js";
export { templateById } from "./queries.js";
