/**
 * Spreadsheet safety of the files Kabar writes for people to open in Excel or Google
 * Sheets (the contact export and an import's rejected-rows download).
 */

/**
 * A text cell made safe for spreadsheets (OWASP "CSV injection"): a cell a spreadsheet
 * would run as a formula (starting with `=`, `@`, tab, CR, or `+`/`-` not followed by a
 * digit) gets a leading `'`. Phone numbers such as `+6281…` are left as they are.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=@\t\r]/.test(cell) || /^[+-](?![\d\s(])/.test(cell) ? `'${cell}` : cell;
}
