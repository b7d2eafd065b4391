/**
 * Types for the parts of the `vcf` package (v2, no bundled types) used by the vCard
 * mapper. `vCard#parse` takes one card whose lines are joined with CRLF and already
 * unfolded; property names and parameter names come out camel-cased (`X-ABLabel` →
 * `xAbLabel`), a `group.` prefix becomes the `group` parameter, and `TYPE` values (and
 * bare vCard 2.1 parameters such as `CELL`) are lower-cased into `type`.
 */
declare module "vcf" {
  namespace vCard {
    interface Property {
      /** Parameters by camel-cased name; repeated ones become arrays. */
      readonly [parameter: string]: unknown;
      readonly group?: string;
      readonly type?: string | string[];
      /** The raw value text, undefined when the line had no value. */
      valueOf(): string | undefined;
    }
  }
  class vCard {
    version: string;
    data: Record<string, vCard.Property | vCard.Property[] | undefined>;
    parse(text: string): this;
  }
  export = vCard;
}
