import { Entity as ElectroEntity, Service as ElectroService, type EntityItem } from 'electrodb';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { streamConsumers } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import type { RecipientPreferences } from '../../shared/adapters/dynamo/recipient-repository.js';
import { Entity as ProjectEntity, entityConfiguration } from '../../shared/adapters/dynamo/entities/common.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { tableDefinition } from '../../shared/adapters/dynamo/table-definition.js';
import type { Application } from '../../shared/domain/applications/application.js';
import type { AuditEntry } from '../../shared/domain/audit/audit-entry.js';
import type { OutboxMessage } from '../../shared/domain/mail/outbox-message.js';
import type { Contact, Member, MemberSummary } from '../../shared/domain/members/member.js';

interface KeyDefinition {
  field: string;
  composite: readonly string[];
  template?: string;
  casing?: string;
}
interface IndexDefinition {
  index?: string;
  collection?: string;
  pk: KeyDefinition;
  sk: KeyDefinition;
}
interface EntitySchema {
  model: { entity: string; version: string };
  attributes: Record<string, { type: unknown; field?: string }>;
  indexes: Record<string, IndexDefinition>;
}

/** What these tests use of an entity (ownsKeys is ElectroDB's own ownership test, untyped). */
interface EntityUnderTest {
  get(key: object): { params(): { Key: Record<string, string> } };
  ownsKeys(key: object): boolean;
}

const entities = Object.entries(glokal.entities).map(([name, entity]) => ({ name, entity: entity as unknown as EntityUnderTest, schema: entity.schema as unknown as EntitySchema }));

/** Composite values for a sample item of an entity: a string per attribute, or a number where the attribute is one. */
function sampleComposite(schema: EntitySchema, definition: IndexDefinition): Record<string, string | number> {
  const names = [...definition.pk.composite, ...definition.sk.composite];
  return Object.fromEntries(names.map((name) => [name, schema.attributes[name]!.type === 'number' ? 1234 : 'sample']));
}

describe('entities and the table definition', () => {
  it('every index of every entity is an index of the table, with its key attributes', () => {
    for (const { name, schema } of entities) {
      for (const [accessPattern, definition] of Object.entries(schema.indexes)) {
        const where = `${name}.${accessPattern}`;
        const expected =
          definition.index === undefined
            ? { pk: tableDefinition.partitionKey, sk: tableDefinition.sortKey }
            : (() => {
                const index = tableDefinition.globalIndexes.find((candidate) => candidate.name === definition.index);
                expect(index, `${where}: index ${definition.index} is not in the table definition`).toBeDefined();
                return { pk: index!.partitionKey, sk: index!.sortKey };
              })();
        expect({ pk: definition.pk.field, sk: definition.sk.field }, where).toEqual(expected);
      }
    }
  });

  it('every key keeps a written-out format: a template, never re-cased', () => {
    for (const { name, schema } of entities) {
      for (const [accessPattern, definition] of Object.entries(schema.indexes)) {
        for (const key of [definition.pk, definition.sk]) {
          expect(key.template, `${name}.${accessPattern}.${key.field}`).toEqual(expect.any(String));
          expect(key.casing, `${name}.${accessPattern}.${key.field}`).toBe('none');
        }
      }
    }
  });

  it('the TTL attribute holds epoch seconds wherever an entity has it, and no attribute is stored under a key field', () => {
    const keyFields = new Set<string>([tableDefinition.partitionKey, tableDefinition.sortKey, ...tableDefinition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]);
    for (const { name, schema } of entities) {
      for (const [attribute, definition] of Object.entries(schema.attributes)) {
        const field = definition.field ?? attribute;
        expect(keyFields.has(field), `${name}.${attribute}`).toBe(false);
        if (field === tableDefinition.ttlAttribute) expect(definition.type, `${name}.${attribute}`).toBe('number');
      }
    }
  });

  it('each entity has its own name and a schema version, under the identifier attributes items already carry', () => {
    const names = entities.map(({ schema }) => schema.model.entity);
    expect(new Set(names).size).toBe(names.length);
    for (const { schema } of entities) expect(schema.model.version).toMatch(/^\d+$/);
    expect(entityConfiguration.identifiers.entity).toBe('entity');
  });

  it('an item belongs to one entity only, by its key (so items without identifiers are read by the right one)', () => {
    for (const { name, entity, schema } of entities) {
      const [definition] = Object.values(schema.indexes).filter((candidate) => candidate.index === undefined);
      const key = entity.get(sampleComposite(schema, definition!)).params().Key;
      const owners = entities.filter((candidate) => candidate.entity.ownsKeys(key)).map((candidate) => candidate.name);
      expect(owners, `${name}: ${JSON.stringify(key)}`).toEqual([name]);
    }
  });

  it('every model passes ElectroDB’s own model check, which the deployed functions skip at start-up', () => {
    for (const { name, schema } of entities) expect(() => new ElectroEntity(schema as never), name).not.toThrow();
    // Built with the project's Entity (entities/common.ts), so no function pays for that check at cold start.
    for (const { name, entity } of entities) expect(entity, name).toBeInstanceOf(ProjectEntity);
    const [{ schema }] = entities as [(typeof entities)[number]];
    expect(() => new ElectroEntity({ ...schema, attributes: { ...schema.attributes, broken: { type: 'no-such-type' } } } as never)).toThrow(/broken/);
  });

  it('ElectroDB’s own Service, with all its checks, accepts the entities and finds the same collections', () => {
    const checked = new ElectroService(glokal.entities as never, { table: 'glokal-test' });
    expect(Object.keys(checked.collections).sort()).toEqual(Object.keys(glokal.collections).sort());
  });

  it('the mailer’s stream filter selects the outbox entity’s items', () => {
    const [consumer] = streamConsumers(manifest);
    const filter = consumer!.trigger.filter as { dynamodb: { NewImage: Record<string, { S: string[] }> } };
    expect(filter.dynamodb.NewImage[entityConfiguration.identifiers.entity]).toEqual({ S: [glokal.entities.outboxMessage.schema.model.entity] });
  });

  it('a collection is read in one query: its entities share the partition key', () => {
    const collections = new Map<string, Array<{ name: string; index?: string; pk: KeyDefinition }>>();
    for (const { name, schema } of entities) {
      for (const definition of Object.values(schema.indexes)) {
        if (!definition.collection) continue;
        collections.set(definition.collection, [...(collections.get(definition.collection) ?? []), { name, index: definition.index, pk: definition.pk }]);
      }
    }
    expect([...collections.keys()].sort()).toEqual(['linkToken', 'memberWithContacts', 'recipientState']);
    for (const [collection, members] of collections) {
      const shapes = new Set(members.map(({ index, pk }) => `${index ?? 'table'} ${pk.field} ${pk.template}`));
      expect(shapes.size, collection).toBe(1);
    }
  });
});

describe('entities and the domain', () => {
  // ElectroDB drops attributes (and map properties) its schema does not declare: a field added to
  // the domain and not to its entity would be lost silently. These fail the type check instead.
  type Fields<T> = keyof NonNullable<T>;
  type Item<E extends keyof typeof glokal.entities> = EntityItem<(typeof glokal.entities)[E]>;

  it('an application stores every field of the domain’s, plus its list order and TTL', () => {
    expectTypeOf<Fields<Item<'application'>>>().toEqualTypeOf<keyof Application | 'statusAt' | 'expiresAt'>();
    expectTypeOf<Fields<Item<'application'>['organisation']>>().toEqualTypeOf<keyof Application['organisation']>();
    expectTypeOf<Fields<Item<'application'>['organisation']['address']>>().toEqualTypeOf<keyof Application['organisation']['address']>();
    expectTypeOf<Fields<Item<'application'>['contact']>>().toEqualTypeOf<keyof Application['contact']>();
    expectTypeOf<Fields<Item<'application'>['consents']>>().toEqualTypeOf<keyof Application['consents']>();
    expectTypeOf<Fields<Item<'application'>['consents']['statute']>>().toEqualTypeOf<keyof Application['consents']['statute']>();
  });

  it('members, contacts and interest items store every field of the domain’s', () => {
    expectTypeOf<Fields<Item<'member'>>>().toEqualTypeOf<keyof Member>();
    expectTypeOf<Fields<Item<'contact'>>>().toEqualTypeOf<keyof Contact | 'expiresAt'>();
    expectTypeOf<Fields<Item<'memberInterest'>>>().toEqualTypeOf<keyof MemberSummary | 'interest'>();
  });

  it('outbox messages, audit entries and preferences store every field of the domain’s', () => {
    expectTypeOf<Fields<Item<'outboxMessage'>>>().toEqualTypeOf<keyof OutboxMessage | 'statusAt' | 'statusPartition' | 'expiresAt' | 'updatedAt'>();
    expectTypeOf<Fields<Item<'auditEntry'>>>().toEqualTypeOf<keyof AuditEntry>();
    expectTypeOf<Fields<Item<'recipientPreferences'>>>().toEqualTypeOf<keyof RecipientPreferences | 'token'>();
  });
});
