import { normaliseEmail } from './common.js';

/**
 * The normalised address an item holds, kept (hidden) for its `byAddress`
 * index: data subject requests find every item of an address by key. `from`
 * names the attribute the address is in; `read` takes it out of a nested one.
 */
export const addressKeyAttribute = (from: string, read: (value: never) => string | undefined = (value) => value) =>
  ({
    type: 'string',
    hidden: true,
    watch: [from],
    set: (_: unknown, item: Record<string, unknown>) => {
      const address = read(item[from] as never);
      return address === undefined ? undefined : normaliseEmail(address);
    },
  }) as const;

/** The `byAddress` index (gsi3) of an item holding an address: the address's partition, the item sorted by its own `composite` and `template`. */
export const byAddressIndex = <const C extends readonly string[]>(composite: C, template: string) =>
  ({
    index: 'gsi3',
    pk: { field: 'gsi3pk', composite: ['addressKey'], template: 'ADDRESS#${addressKey}', casing: 'none' },
    sk: { field: 'gsi3sk', composite, template, casing: 'none' },
  }) as const;
