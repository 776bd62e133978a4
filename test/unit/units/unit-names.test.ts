/**
 * The registry's name index (`unitNameResolver`) answers every name as the scan
 * (`resolveUnitName`) does: names, aliases, 街/街道 swapped, ambiguous stems, duplicates
 * (the first unit wins), and names that match nothing.
 */
import { resolveUnitName, unitNameResolver, type NamedUnit } from '../../../src/units/unit-names';

const units: NamedUnit[] = [
  { id: 1, name: '天津市', aliases: [] },
  { id: 2, name: '万兴街', aliases: ['万兴街道'] },
  { id: 3, name: '王顶堤街', aliases: [] },
  { id: 4, name: '塘沽街道', aliases: ['塘沽'] },
  // two units whose stems collide: neither is found by the stem alone
  { id: 5, name: '新华街道', aliases: [] },
  { id: 6, name: '新华街', aliases: [] },
  // an alias that is another unit's name: the first unit in the list wins
  { id: 7, name: '临淄区', aliases: ['稷下街道'] },
  { id: 8, name: '稷下街道', aliases: ['稷下街'] },
  { id: 9, name: '金山镇', aliases: ['金山街'] },
];

const names = [
  '天津市',
  ' 天津市 ',
  '万兴街',
  '万兴街道',
  '万兴街道办事处',
  '王顶堤街道',
  '王顶堤街道办事处',
  '塘沽街',
  '塘沽',
  '新华街',
  '新华街道',
  '新华',
  '稷下街道',
  '稷下街',
  '金山街',
  '金山街道',
  '金山镇',
  '南开区',
  '',
  '   ',
];

describe('unitNameResolver', () => {
  it('gives the unit resolveUnitName gives, for every name', () => {
    const resolve = unitNameResolver(units);
    const byIndex = names.map((n) => resolve(n)?.id ?? null);
    const byScan = names.map((n) => resolveUnitName(units, n)?.id ?? null);
    expect(byIndex).toEqual(byScan);
    // the list covers each way of finding a unit and of finding none
    expect(byScan).toEqual([1, 1, 2, 2, null, 3, null, 4, 4, 6, 5, null, 7, 8, 9, null, 9, null, null, null]);
  });
});
