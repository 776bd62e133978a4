// Chinese labels, and the letter each status shows besides its colour (readable without colour).
import type { FlagCode, ItemChange, ItemStatus, LinkState, Polarity, Severity } from './gql/graphql';

export const STATUS: Record<ItemStatus, { label: string; letter: string }> = {
  COVERED: { label: '已覆盖', letter: '✓' },
  PARTIAL: { label: '部分覆盖', letter: '½' },
  PLANNED_ONLY: { label: '仅有计划', letter: '计' },
  NEGATIVE_ONLY: { label: '仅有不足', letter: '短' },
  MISSING: { label: '无佐证', letter: '缺' },
  NOT_APPLICABLE: { label: '不适用', letter: '免' },
};
export const STATUS_ORDER: ItemStatus[] = ['COVERED', 'PARTIAL', 'PLANNED_ONLY', 'NEGATIVE_ONLY', 'MISSING', 'NOT_APPLICABLE'];

export const FLAG: Record<FlagCode, string> = {
  NO_EVIDENCE: '无佐证',
  TARGET_NOT_MET: '指标未达标',
  TARGET_NOT_REPORTED: '指标未报告',
  ONLY_PLANNED: '仅有计划',
  SHORTCOMING_REPORTED: '报告了不足',
  LINK_UNREVIEWED: '佐证未审核',
  LINK_SUSPECT: '条目已修改，佐证待复核',
  REUSED_EVIDENCE: '佐证与往年重复',
  REPORT_MISSING: '未报送报告',
};

export const SEVERITY: Record<Severity, string> = { ERROR: '严重', WARNING: '警告', INFO: '提示' };
export const SEVERITY_RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

export const POLARITY: Record<Polarity, string> = { POSITIVE: '已做工作', NEGATIVE: '不足', PLAN: '计划' };

export const LINK_STATE: Record<LinkState, string> = {
  PROPOSED: '待审核',
  ACCEPTED: '已接受',
  REJECTED: '已驳回',
  SUSPECT: '待复核（条目已修改）',
};

export const CHANGE: Record<ItemChange, string> = {
  NEW_EVIDENCE: '新增佐证',
  LOST_EVIDENCE: '失去佐证',
  IMPROVED: '改善',
  DECLINED: '下降',
  CHANGED: '变化',
  UNCHANGED: '未变',
  NOT_COMPARABLE: '不可比',
};

export const ROLE: Record<string, string> = {
  ADMIN: '管理员',
  REVIEWER: '审核员',
  UNIT: '报送单位',
  VIEWER: '查看者',
  ANONYMOUS: '匿名访问',
};

export const LEVEL: Record<string, string> = { PROVINCE: '省', CITY: '市', DISTRICT: '区', STREET: '街道', TOWN: '乡镇' };

/** 0.6129 → "61.3%" */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** "19/31（61.3%）": counts beside the ratio. */
export function coverageText(c: { covered: number; assessable: number; ratio: number }): string {
  return `${c.covered}/${c.assessable}（${percent(c.ratio)}）`;
}
