import { parse } from 'yaml';
import { UNIT_LEVELS, type UnitLevel } from '../reading/types';

export interface UnitDefinition {
  name: string;
  level: UnitLevel;
  aliases: string[];
  parentName: string | null;
}

export interface UnitFileResult {
  units: UnitDefinition[];
  errors: string[];
}

interface RawUnit {
  name?: unknown;
  level?: unknown;
  aliases?: unknown;
  children?: unknown;
}

/**
 * Parses the unit hierarchy file (seeds/units.yaml) into a flat list, parents first.
 * Never throws: problems are returned as messages naming the file and the unit.
 */
export function parseUnitFile(text: string, fileName: string): UnitFileResult {
  const errors: string[] = [];
  const units: UnitDefinition[] = [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return { units: [], errors: [`${fileName}: not valid YAML: ${(error as Error).message}`] };
  }
  const root = (doc as { units?: unknown } | null)?.units;
  if (!Array.isArray(root)) return { units: [], errors: [`${fileName}: units: expected a list`] };
  const seen = new Set<string>();
  const walk = (list: unknown[], parentName: string | null, where: string): void => {
    list.forEach((entry, index) => {
      const raw = (entry ?? {}) as RawUnit;
      const place = `${where}[${index}]`;
      const name = typeof raw.name === 'string' ? raw.name.trim() : '';
      if (!name) {
        errors.push(`${fileName}: ${place}.name: expected a non-empty name`);
        return;
      }
      if (!UNIT_LEVELS.includes(raw.level as UnitLevel)) {
        errors.push(`${fileName}: unit ${name}: level: expected one of ${UNIT_LEVELS.join(', ')}`);
        return;
      }
      const aliases = raw.aliases === undefined ? [] : raw.aliases;
      if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
        errors.push(`${fileName}: unit ${name}: aliases: expected a list of names`);
        return;
      }
      if (seen.has(name)) {
        errors.push(`${fileName}: unit ${name}: name: duplicate unit`);
        return;
      }
      seen.add(name);
      units.push({ name, level: raw.level as UnitLevel, aliases: aliases.map((a: string) => a.trim()), parentName });
      if (raw.children !== undefined) {
        if (!Array.isArray(raw.children)) errors.push(`${fileName}: unit ${name}: children: expected a list`);
        else walk(raw.children, name, `${place}.children`);
      }
    });
  };
  walk(root, null, 'units');
  return { units: errors.length ? [] : units, errors };
}
